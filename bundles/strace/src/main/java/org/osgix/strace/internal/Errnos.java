package org.osgix.strace.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** errno names and messages ({@code ENOENT (No such file or directory)}), from errno.txt. */
final class Errnos {
    private static final Map<Integer, String> NAMES = new HashMap<>();
    private static final Map<Integer, String> MESSAGES = new HashMap<>();

    static {
        try (InputStream in = Errnos.class.getResourceAsStream("errno.txt");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split(" ", 3);
                int n = Integer.parseInt(parts[0]);
                NAMES.put(n, parts[1]);
                MESSAGES.put(n, parts[2]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Errnos() {
    }

    /** Appends {@code ENOENT (No such file or directory)}, or {@code E<n>} for an unknown number. */
    static void append(StringBuilder out, int errno) {
        String name = NAMES.get(errno);
        if (name == null) {
            out.append('E').append(errno);
            return;
        }
        out.append(name).append(" (").append(MESSAGES.get(errno)).append(')');
    }

    static String name(int errno) {
        return NAMES.getOrDefault(errno, "E" + errno);
    }
}
