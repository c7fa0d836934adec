8io.github.flowanomaly.tribuo.interop.PixelImageConverterk
Ptype.googleapis.com/io.github.flowanomaly.tribuo.protos.PixelImageConverterProto

glow_input   *RAW