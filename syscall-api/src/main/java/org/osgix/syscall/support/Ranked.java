package org.osgix.syscall.support;

import java.util.Comparator;
import java.util.Map;
import org.osgi.framework.Constants;

/**
 * A whiteboard service with its place in the OSGi service order: the highest
 * {@code service.ranking} first, ties to the lowest (oldest) {@code service.id}. Every whiteboard
 * consumer orders services through this one comparison.
 *
 * @param service the service object (or anything a consumer keeps per service)
 * @param ranking {@code service.ranking}; 0 when absent or not an Integer, as the framework ranks
 * @param serviceId {@code service.id}; {@link #NO_ID} when absent (a service built by a test)
 */
public record Ranked<S>(S service, int ranking, long serviceId) implements Comparable<Ranked<?>> {
    /** The id of a service without {@code service.id}: after every registered service. */
    public static final long NO_ID = Long.MAX_VALUE;

    /** Best first: the order {@link org.osgi.framework.ServiceReference#compareTo} gives, reversed. */
    public static final Comparator<Ranked<?>> BEST_FIRST = Comparator.<Ranked<?>>comparingInt(Ranked::ranking)
            .reversed().thenComparingLong(Ranked::serviceId);

    /** {@code service} ranked by its service properties. */
    public static <S> Ranked<S> of(S service, Map<String, ?> properties) {
        return new Ranked<>(service, ranking(properties), serviceId(properties));
    }

    /** {@code service.ranking} of a service's properties (0 unless an Integer, as OSGi ranks). */
    public static int ranking(Map<String, ?> properties) {
        return properties.get(Constants.SERVICE_RANKING) instanceof Integer r ? r : 0;
    }

    /** {@code service.id} of a service's properties, or {@link #NO_ID}. */
    public static long serviceId(Map<String, ?> properties) {
        return properties.get(Constants.SERVICE_ID) instanceof Number id ? id.longValue() : NO_ID;
    }

    /** The same place in the order for another object (what a consumer derives from the service). */
    public <T> Ranked<T> with(T other) {
        return new Ranked<>(other, ranking, serviceId);
    }

    /** Negative when this one is better (comes first). */
    @Override
    public int compareTo(Ranked<?> other) {
        return BEST_FIRST.compare(this, other);
    }
}
