package org.osgix.syscall.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;

/** The OSGi service order, and reading ranking and id from service properties. */
class RankedServicesTest {
    private final RankedServices<String> services = new RankedServices<>();

    @Test
    void highestRankingFirstThenOldestService() {
        services.add("low", Map.of(Constants.SERVICE_RANKING, -5, Constants.SERVICE_ID, 1L));
        services.add("young", Map.of(Constants.SERVICE_RANKING, 10, Constants.SERVICE_ID, 7L));
        services.add("old", Map.of(Constants.SERVICE_RANKING, 10, Constants.SERVICE_ID, 3L));
        services.add("plain", Map.of(Constants.SERVICE_ID, 2L));
        assertEquals(List.of("old", "young", "plain", "low"), services.services());
        assertEquals("old", services.best());
    }

    @Test
    void aRankingThatIsNotAnIntegerCountsAsZeroAndAMissingIdAsLast() {
        assertEquals(0, Ranked.ranking(Map.of(Constants.SERVICE_RANKING, "100")));
        assertEquals(0, Ranked.ranking(Map.of(Constants.SERVICE_RANKING, 100L)));
        assertEquals(Ranked.NO_ID, Ranked.serviceId(Map.of()));
        assertEquals(4L, Ranked.serviceId(Map.of(Constants.SERVICE_ID, 4L)));
    }

    @Test
    void addingTheSameServiceAgainReRanksIt() {
        String a = "a", b = "b";
        services.add(a, Map.of(Constants.SERVICE_RANKING, 1, Constants.SERVICE_ID, 1L));
        services.add(b, Map.of(Constants.SERVICE_RANKING, 2, Constants.SERVICE_ID, 2L));
        assertEquals("b", services.best());
        services.add(a, Map.of(Constants.SERVICE_RANKING, 3, Constants.SERVICE_ID, 1L));
        assertEquals(List.of("a", "b"), services.services());
        assertEquals(3, services.entries().get(0).ranking());
    }

    @Test
    void removingLeavesTheNextBest() {
        services.add(new Ranked<>("x", 5, 1));
        services.add(new Ranked<>("y", 0, 2));
        assertTrue(services.remove("x"));
        assertFalse(services.remove("x"));
        assertEquals("y", services.best());
        assertTrue(services.removeIf(e -> e.serviceId() == 2));
        assertNull(services.best());
    }
}
