package io.github.flowanomaly.tribuo.data;

import org.tribuo.anomaly.Event;

/**
 * The role a data set plays in an anomaly-detection experiment, which fixes the {@link Event} of every example it
 * produces.
 */
public enum DatasetRole {
    /** Data from the distribution the detector models; examples are {@link Event.EventType#EXPECTED}. */
    IN_DISTRIBUTION(Event.EventType.EXPECTED),
    /** Data from another distribution; examples are {@link Event.EventType#ANOMALOUS}. */
    OUT_OF_DISTRIBUTION(Event.EventType.ANOMALOUS);

    private final Event.EventType eventType;

    DatasetRole(Event.EventType eventType) {
        this.eventType = eventType;
    }

    /**
     * Returns the event type of the examples of a data set in this role.
     *
     * @return the event type.
     */
    public Event.EventType eventType() {
        return eventType;
    }

    /**
     * Returns a new event for an example of a data set in this role.
     *
     * @return a new event with the default score.
     */
    public Event newEvent() {
        return new Event(eventType);
    }
}
