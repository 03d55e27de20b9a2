package org.osgix.strace.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The signatures of signatures.txt, by syscall name. A name without a line prints its six
 * arguments in hex; a signature is made once per name.
 */
final class SignatureTable {
    private static final Pattern ARG = Pattern.compile("(?:([a-z_]+)=)?([a-z]+)(?:\\((\\d)\\))?(?:@(\\d))?");
    private static final ArgFormat RAW = (out, call, v) -> Scalars.hex(out, v);

    private final Map<String, Signature> byName;
    private final Map<String, Signature> raw = new ConcurrentHashMap<>();

    SignatureTable(Map<String, Signature> byName) {
        this.byName = byName;
    }

    /** The table of the bundled signatures.txt. */
    static SignatureTable bundled() {
        try (InputStream in = SignatureTable.class.getResourceAsStream("signatures.txt")) {
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SignatureTable parse(Reader text) throws IOException {
        Map<String, Signature> byName = new HashMap<>();
        BufferedReader lines = new BufferedReader(text);
        String line;
        int lineNumber = 0;
        while ((line = lines.readLine()) != null) {
            lineNumber++;
            String content = line.strip();
            if (content.isEmpty() || content.startsWith("#")) {
                continue;
            }
            Signature s = parseLine(content, lineNumber);
            byName.put(s.name(), s);
        }
        return new SignatureTable(byName);
    }

    private static Signature parseLine(String content, int lineNumber) {
        String[] sides = content.split("->");
        String[] words = sides[0].trim().split("\\s+");
        List<Signature.Arg> args = new ArrayList<>();
        int next = 0;
        for (int i = 1; i < words.length; i++) {
            Matcher m = ARG.matcher(words[i]);
            if (!m.matches()) {
                throw new IllegalArgumentException("signatures.txt:" + lineNumber + ": bad argument '" + words[i] + "'");
            }
            Kind kind = Kinds.kind(m.group(2));
            if (kind == null) {
                throw new IllegalArgumentException("signatures.txt:" + lineNumber + ": unknown kind '" + m.group(2) + "'");
            }
            int param = m.group(3) == null ? -1 : Integer.parseInt(m.group(3));
            int index = m.group(4) == null ? next : Integer.parseInt(m.group(4));
            next = index + 1;
            args.add(new Signature.Arg(index, m.group(1), kind.format().apply(param), kind.output(),
                    kind.shown().apply(param)));
        }
        ArgFormat result = Kinds.result("int");
        if (sides.length > 1) {
            String r = sides[1].trim();
            result = r.equals("?") ? null : Kinds.result(r);
            if (result == null && !r.equals("?")) {
                throw new IllegalArgumentException("signatures.txt:" + lineNumber + ": unknown result '" + r + "'");
            }
        }
        return new Signature(words[0], args.toArray(new Signature.Arg[0]), result);
    }

    /** The signature of {@code name} (a raw one for names not in the table). */
    Signature of(String name) {
        Signature s = name == null ? null : byName.get(name);
        return s != null ? s : raw(name);
    }

    /** Six arguments in hex: for syscalls without a signature (and a name-less number). */
    Signature raw(String name) {
        return raw.computeIfAbsent(name != null ? name : "syscall_unknown", SignatureTable::rawSignature);
    }

    boolean contains(String name) {
        return byName.containsKey(name);
    }

    private static Signature rawSignature(String name) {
        Signature.Arg[] args = new Signature.Arg[6];
        for (int i = 0; i < 6; i++) {
            args[i] = new Signature.Arg(i, null, RAW, false, call -> true);
        }
        return new Signature(name, args, Kinds.result("int"));
    }
}
