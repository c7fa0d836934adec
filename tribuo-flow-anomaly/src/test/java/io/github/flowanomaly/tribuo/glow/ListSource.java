package io.github.flowanomaly.tribuo.glow;

import org.tribuo.ConfigurableDataSource;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.OutputFactory;
import org.tribuo.anomaly.AnomalyFactory;
import org.tribuo.anomaly.Event;
import org.tribuo.provenance.DataSourceProvenance;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import java.util.Iterator;

/** Test helper: a configurable data source over examples held in memory. */
final class ListSource implements ConfigurableDataSource<Event> {

    private final MutableDataset<Event> data;

    ListSource(MutableDataset<Event> data) {
        this.data = data;
    }

    @Override
    public OutputFactory<Event> getOutputFactory() {
        return new AnomalyFactory();
    }

    @Override
    public DataSourceProvenance getProvenance() {
        return new SimpleDataSourceProvenance("in-memory test images", new AnomalyFactory());
    }

    @Override
    public Iterator<Example<Event>> iterator() {
        return data.iterator();
    }
}
