package org.osgix.syscall;

import java.util.Arrays;

/**
 * A process's user and group ids as the guest sees them: real, effective, saved and filesystem
 * ids and the supplementary groups. Immutable, as Linux's {@code struct cred}: a change makes a
 * new one, so readers never see half of a setresuid.
 */
public final class Credentials {
    /** The most supplementary groups a process may have (Linux's NGROUPS_MAX). */
    public static final int NGROUPS_MAX = 65536;

    private final int ruid, euid, suid, fsuid, rgid, egid, sgid, fsgid;
    private final int[] groups;

    /** Ids in the order real, effective, saved, filesystem; {@code groups} is copied as given. */
    public Credentials(int ruid, int euid, int suid, int fsuid, int rgid, int egid, int sgid, int fsgid,
            int[] groups) {
        this.ruid = ruid;
        this.euid = euid;
        this.suid = suid;
        this.fsuid = fsuid;
        this.rgid = rgid;
        this.egid = egid;
        this.sgid = sgid;
        this.fsgid = fsgid;
        this.groups = groups.clone();
    }

    /** A process that never changed ids: saved and filesystem ids are the effective ones. */
    public static Credentials of(int uid, int euid, int gid, int egid, int[] groups) {
        return new Credentials(uid, euid, euid, euid, gid, egid, egid, egid, groups);
    }

    public int ruid() {
        return ruid;
    }

    public int euid() {
        return euid;
    }

    public int suid() {
        return suid;
    }

    public int fsuid() {
        return fsuid;
    }

    public int rgid() {
        return rgid;
    }

    public int egid() {
        return egid;
    }

    public int sgid() {
        return sgid;
    }

    public int fsgid() {
        return fsgid;
    }

    /** The supplementary groups (a copy). */
    public int[] groups() {
        return groups.clone();
    }

    public int groupCount() {
        return groups.length;
    }

    public int group(int index) {
        return groups[index];
    }

    /** These ids with new user ids. */
    public Credentials withUids(int newRuid, int newEuid, int newSuid, int newFsuid) {
        return new Credentials(newRuid, newEuid, newSuid, newFsuid, rgid, egid, sgid, fsgid, groups);
    }

    /** These ids with new group ids. */
    public Credentials withGids(int newRgid, int newEgid, int newSgid, int newFsgid) {
        return new Credentials(ruid, euid, suid, fsuid, newRgid, newEgid, newSgid, newFsgid, groups);
    }

    /** These ids with other supplementary groups. */
    public Credentials withGroups(int[] newGroups) {
        return new Credentials(ruid, euid, suid, fsuid, rgid, egid, sgid, fsgid, newGroups);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Credentials c && ruid == c.ruid && euid == c.euid && suid == c.suid && fsuid == c.fsuid
            && rgid == c.rgid && egid == c.egid && sgid == c.sgid && fsgid == c.fsgid
            && Arrays.equals(groups, c.groups);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new int[] {ruid, euid, suid, fsuid, rgid, egid, sgid, fsgid}) * 31
            + Arrays.hashCode(groups);
    }

    @Override
    public String toString() {
        return "uid=" + ruid + "," + euid + "," + suid + "," + fsuid + " gid=" + rgid + "," + egid + "," + sgid + ","
            + fsgid + " groups=" + Arrays.toString(groups);
    }
}
