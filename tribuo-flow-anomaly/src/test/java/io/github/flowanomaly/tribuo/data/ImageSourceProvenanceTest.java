package io.github.flowanomaly.tribuo.data;

import com.oracle.labs.mlrg.olcut.config.ConfigurationManager;
import com.oracle.labs.mlrg.olcut.provenance.ObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;
import com.oracle.labs.mlrg.olcut.provenance.io.ObjectMarshalledProvenance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class ImageSourceProvenanceTest {

    @TempDir
    Path dir;

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private IdxImageSource filteredSource() throws IOException {
        Path images = IdxFiles.write(dir.resolve("img.gz"), true, new int[]{4, 28, 28}, IdxFiles.pattern(4, 28, 28, 1));
        Path labels = IdxFiles.write(dir.resolve("lab"), false, new int[]{4}, new byte[]{0, 1, 0, 0});
        return new IdxImageSource(images, labels, List.of(0), DatasetRole.OUT_OF_DISTRIBUTION,
                ImagePreprocessing.NONE.withResize(32, 32).withLimit(2, 7), ImageRange.ALL);
    }

    @Test
    void recordsHashesCountAndShape() throws Exception {
        IdxImageSource source = filteredSource();
        ImageSourceProvenance provenance = assertInstanceOf(ImageSourceProvenance.class, source.getProvenance());
        assertEquals(sha256(dir.resolve("img.gz")), provenance.resourceHash(0));
        assertEquals(sha256(dir.resolve("lab")), provenance.resourceHash(1));
        assertEquals(2, provenance.numExamples());
        assertEquals(new ImageShape(32, 32, 1), provenance.imageShape());
        assertEquals(IdxImageSource.class.getName(), provenance.getClassName());
        assertEquals("OUT_OF_DISTRIBUTION", provenance.getConfiguredParameters().get("role").toString()
                .replaceAll(".*=", ""));
    }

    @Test
    void roundTripsThroughOlcutMarshalling() throws IOException {
        ObjectProvenance provenance = filteredSource().getProvenance();
        List<ObjectMarshalledProvenance> marshalled = ProvenanceUtil.marshalProvenance(provenance);
        ObjectProvenance unmarshalled = ProvenanceUtil.unmarshalProvenance(marshalled);
        assertEquals(provenance, unmarshalled);
        assertEquals(2, ((ImageSourceProvenance) unmarshalled).numExamples());
    }

    @Test
    void cifarAndFolderProvenanceRoundTrip() throws IOException {
        Path cifar = Files.write(dir.resolve("batch.bin"), new byte[2 * 3073]);
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(2, 2, java.awt.image.BufferedImage.TYPE_INT_RGB),
                "png", dir.resolve("one.png").toFile());
        List<AbstractImageSource> sources = List.of(
                new CifarBinarySource(List.of(cifar), 1, List.of(), DatasetRole.IN_DISTRIBUTION,
                        ImagePreprocessing.NONE.withGrey(true)),
                new ImageFolderSource(dir, 3, DatasetRole.IN_DISTRIBUTION, ImagePreprocessing.NONE));
        for (AbstractImageSource source : sources) {
            ObjectProvenance provenance = source.getProvenance();
            assertEquals(provenance, ProvenanceUtil.unmarshalProvenance(ProvenanceUtil.marshalProvenance(provenance)));
        }
        assertEquals(new ImageShape(32, 32, 1), ((ImageSourceProvenance) sources.get(0).getProvenance()).imageShape());
    }

    @Test
    void loadsFromAnOlcutXmlConfiguration() throws IOException {
        Path images = IdxFiles.write(dir.resolve("img"), false, new int[]{5, 2, 2}, IdxFiles.pattern(5, 2, 2, 1));
        Path labels = IdxFiles.write(dir.resolve("lab"), false, new int[]{5}, new byte[]{0, 1, 2, 1, 1});
        Path xml = dir.resolve("config.xml");
        Files.writeString(xml, """
                <?xml version="1.0" encoding="UTF-8"?>
                <config>
                  <component name="source" type="io.github.flowanomaly.tribuo.data.IdxImageSource">
                    <property name="imagesPath" value="%s"/>
                    <property name="labelsPath" value="%s"/>
                    <propertylist name="labelFilter"><item>1</item></propertylist>
                    <property name="role" value="OUT_OF_DISTRIBUTION"/>
                    <property name="limit" value="2"/>
                    <property name="seed" value="3"/>
                  </component>
                </config>
                """.formatted(images, labels));
        ConfigurationManager cm = new ConfigurationManager(xml.toString());
        IdxImageSource source = (IdxImageSource) cm.lookup("source");
        assertEquals(2, source.size());
        assertEquals(DatasetRole.OUT_OF_DISTRIBUTION, source.role());
        assertEquals(new ImageShape(2, 2, 1), source.imageShape());
        cm.close();
    }
}
