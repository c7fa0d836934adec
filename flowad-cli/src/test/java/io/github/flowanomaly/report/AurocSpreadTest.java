package io.github.flowanomaly.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Summaries of repeated runs' AUROCs. */
class AurocSpreadTest {

    @Test
    void summarisesMeanAndRange() {
        AurocSpread s = AurocSpread.of(List.of(0.2, 0.5, 0.35));
        assertEquals(0.35, s.mean(), 1e-12);
        assertEquals(0.2, s.min(), 0.0);
        assertEquals(0.5, s.max(), 0.0);
        assertEquals(3, s.runs());
    }

    @Test
    void oneRunIsItsOwnRange() {
        AurocSpread s = AurocSpread.of(List.of(0.7));
        assertEquals(new AurocSpread(0.7, 0.7, 0.7, 1), s);
    }

    @Test
    void rejectsNoRunsAndInconsistentSummaries() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> AurocSpread.of(List.of()));
        assertTrue(none.getMessage().contains("at least one"), none.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AurocSpread(0.9, 0.1, 0.5, 2));
        assertThrows(IllegalArgumentException.class, () -> new AurocSpread(0.3, 0.1, 0.5, 0));
    }
}
