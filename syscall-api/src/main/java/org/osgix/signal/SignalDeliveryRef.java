package org.osgix.signal;

/**
 * The optional, dynamic {@link SignalDelivery} a family uses (sys-poll's wait masks, io's
 * SIGPIPE): bound and unbound by its component, read lock-free on the syscall path.
 */
public final class SignalDeliveryRef {
    private volatile SignalDelivery current;

    public void bind(SignalDelivery delivery) {
        current = delivery;
    }

    /** Unbinds {@code delivery} if it is the current one (a replacement may already be bound). */
    public void unbind(SignalDelivery delivery) {
        if (current == delivery) {
            current = null;
        }
    }

    /** Raises {@code signal} for {@code thread} (SIGPIPE after EPIPE); nothing without the signal family. */
    public void raise(org.osgix.syscall.GuestThread thread, int signal) {
        SignalDelivery delivery = current;
        if (delivery != null) {
            delivery.raise(thread, signal);
        }
    }

    /** The bound service, or null when the signal family is absent. */
    public SignalDelivery get() {
        return current;
    }
}
