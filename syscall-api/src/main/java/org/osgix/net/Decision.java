package org.osgix.net;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.Objects;

/** A {@link NetworkPolicy}'s answer: allow, deny with an errno, or use another address. */
public final class Decision {
    /** Let the operation through unchanged. */
    public static final Decision ALLOW = new Decision(0, null);

    private final int errno;
    private final InetSocketAddress redirect;

    private Decision(int errno, InetSocketAddress redirect) {
        this.errno = errno;
        this.redirect = redirect;
    }

    /**
     * Fails the call with the positive Linux {@code errno}: ECONNREFUSED (111) for a refused
     * connect, EACCES (13) or EPERM (1) for a forbidden bind, ENETUNREACH (101)...
     */
    public static Decision deny(int errno) {
        if (errno <= 0) {
            throw new IllegalArgumentException("a denial needs a positive errno: " + errno);
        }
        return new Decision(errno, null);
    }

    /**
     * Uses {@code target} instead of the guest's address. An IPv4 target on an AF_INET6 socket
     * becomes its v4-mapped form; an IPv6 target on an AF_INET socket is refused (EAFNOSUPPORT).
     */
    public static Decision redirect(InetSocketAddress target) {
        Objects.requireNonNull(target, "target");
        if (target.isUnresolved()) {
            throw new IllegalArgumentException("a redirect needs a resolved address: " + target);
        }
        return new Decision(0, target);
    }

    /** The positive errno of a denial, 0 otherwise. */
    public int errno() {
        return errno;
    }

    /** The replacement address of a redirect, null otherwise. */
    public InetSocketAddress redirect() {
        return redirect;
    }

    public boolean isAllow() {
        return errno == 0 && redirect == null;
    }

    @Override
    public String toString() {
        if (errno != 0) {
            return "deny(" + errno + ")";
        }
        return redirect == null ? "allow" : "redirect(" + redirect
            + (redirect.getAddress() instanceof Inet4Address ? ", v4" : ", v6") + ")";
    }
}
