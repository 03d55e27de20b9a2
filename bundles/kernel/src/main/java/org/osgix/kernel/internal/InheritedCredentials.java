package org.osgix.kernel.internal;

import java.util.Arrays;
import org.osgix.syscall.Credentials;

/**
 * Credentials as a child runtime receives them (fork keeps them, a vfork child's execve applies
 * {@link #afterExec}): the eight ids, then the supplementary groups.
 */
final class InheritedCredentials {
    private static final int IDS = 8;

    private InheritedCredentials() {
    }

    /** What execve of a program without set-user-ID bits leaves: saved and filesystem ids follow the effective ones. */
    static Credentials afterExec(Credentials c) {
        return c.withUids(c.ruid(), c.euid(), c.euid(), c.euid()).withGids(c.rgid(), c.egid(), c.egid(), c.egid());
    }

    static int[] toArray(Credentials c) {
        int[] ids = {c.ruid(), c.euid(), c.suid(), c.fsuid(), c.rgid(), c.egid(), c.sgid(), c.fsgid()};
        int[] groups = c.groups();
        int[] all = Arrays.copyOf(ids, IDS + groups.length);
        System.arraycopy(groups, 0, all, IDS, groups.length);
        return all;
    }

    /** The credentials {@code ids} carries, or null when it carries none (an exit image). */
    static Credentials fromArray(int[] ids) {
        if (ids.length < IDS) {
            return null;
        }
        return new Credentials(ids[0], ids[1], ids[2], ids[3], ids[4], ids[5], ids[6], ids[7],
            Arrays.copyOfRange(ids, IDS, ids.length));
    }
}
