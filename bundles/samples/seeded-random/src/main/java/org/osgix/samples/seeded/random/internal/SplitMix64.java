package org.osgix.samples.seeded.random.internal;

/**
 * Steele, Lea and Flood's SplitMix64: a tiny, fast, well-mixed 64-bit generator, fully determined
 * by its seed. Bytes come out little-endian, eight per step.
 */
final class SplitMix64 {
    private long state;

    SplitMix64(long seed) {
        this.state = seed;
    }

    /** The next 64 bits. */
    long nextLong() {
        long z = state += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Fills {@code dst[0..len)}; threads of one process share the stream, so this is atomic. */
    synchronized void nextBytes(byte[] dst, int len) {
        for (int i = 0; i < len; i += 8) {
            long word = nextLong();
            for (int b = 0; b < 8 && i + b < len; b++) {
                dst[i + b] = (byte) (word >>> (8 * b));
            }
        }
    }
}
