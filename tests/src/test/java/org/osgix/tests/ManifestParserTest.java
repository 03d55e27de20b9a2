package org.osgix.tests;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class ManifestParserTest {

    private final ManifestParser parser = new ManifestParser();

    private ManifestEntry single(String... lines) {
        List<ManifestEntry> entries = parser.parse(List.of(lines));
        assertEquals(1, entries.size());
        return entries.get(0);
    }

    @Test
    void sectionsCommentsAndBlankLines() {
        List<ManifestEntry> entries = parser.parse(List.of(
                "# comment", "", "[core]", "hello", "  # indented comment", "[memory]", "brk | exit=0", "mmap"));
        assertEquals(List.of("core/hello", "memory/brk", "memory/mmap"),
                entries.stream().map(ManifestEntry::displayName).toList());
        assertEquals(List.of(4, 7, 8), entries.stream().map(ManifestEntry::line).toList());
    }

    @Test
    void argumentsKeepQuotedSpacesEmptyStringsAndQuotedBars() {
        ManifestEntry entry = single("[s]", "args one \"two words\" \"\" \"|\" a\"b c\"d");
        assertEquals("args", entry.program());
        assertEquals(List.of("one", "two words", "", "|", "ab cd"), entry.arguments());
        assertEquals("s/args one \"two words\" \"\" | \"ab cd\"", entry.displayName());
    }

    @Test
    void defaultsWhenNoOptionsAreGiven() {
        ManifestEntry entry = single("[s]", "hello");
        assertAll(
                () -> assertEquals(OptionalInt.empty(), entry.expectedExit()),
                () -> assertTrue(entry.stdoutPattern().isEmpty()),
                () -> assertTrue(entry.stderrPattern().isEmpty()),
                () -> assertTrue(entry.runNative()),
                () -> assertTrue(entry.muslVariant()),
                () -> assertTrue(entry.environment().isEmpty()),
                () -> assertEquals(Duration.ofSeconds(60), entry.timeout()));
    }

    @Test
    void everyOptionIsParsed() {
        ManifestEntry entry = single("[s]",
                "/bin/x a | exit=126 stdout~=\"^a b$\" stderr~=Exec\\sformat native=skip env=B=2 env=A=x=y timeout=5 musl=skip");
        assertAll(
                () -> assertTrue(entry.isHostProgram()),
                () -> assertEquals(OptionalInt.of(126), entry.expectedExit()),
                () -> assertTrue(entry.stdoutPattern().orElseThrow().matcher("x\na b\ny").find()),
                () -> assertTrue(entry.stderrPattern().orElseThrow().matcher("Exec format error").find()),
                () -> assertFalse(entry.runNative()),
                () -> assertFalse(entry.muslVariant()),
                () -> assertEquals(List.of("B", "A"), List.copyOf(entry.environment().keySet())),
                () -> assertEquals(Map.of("A", "x=y", "B", "2"), entry.environment()),
                () -> assertEquals(Duration.ofSeconds(5), entry.timeout()));
    }

    @Test
    void backslashesInQuotesAreLiteralExceptBeforeQuoteOrBackslash() {
        ManifestEntry entry = single("[s]", "p \"a\\\"b\" \"c\\\\d\" \"\\d+\"");
        assertEquals(List.of("a\"b", "c\\d", "\\d+"), entry.arguments());
    }

    @Test
    void relativeProgramsLiveInTheBuildDirectory() {
        ManifestEntry entry = single("[s]", "bad/aarch64-elf");
        assertFalse(entry.isHostProgram());
        assertEquals(Path.of("/b/bad/aarch64-elf"), entry.executable(Path.of("/b")));
        assertEquals(Path.of("/bin/true"), single("[s]", "/bin/true").executable(Path.of("/b")));
    }

    @Test
    void muslVariantCopiesTheExpectations() {
        ManifestEntry entry = single("[s]", "p x | exit=3 stdout~=y");
        ManifestEntry musl = entry.withProgram("p.musl");
        assertEquals("s/p.musl x", musl.displayName());
        assertEquals(OptionalInt.of(3), musl.expectedExit());
        assertEquals("y", musl.stdoutPattern().orElseThrow().pattern());
        assertFalse(musl.muslVariant());
    }

    @Test
    void emulatorArgumentsAreRepeatableAndKeptForTheMuslVariant() {
        assertEquals(List.of(), single("[s]", "p x | exit=0").emulatorArguments());
        ManifestEntry entry = single("[s]", "p x | osgix=--compat=a,b native=skip exit=0 osgix=\"--poll=epoll\"");
        assertEquals(List.of("--compat=a,b", "--poll=epoll"), entry.emulatorArguments());
        assertEquals("s/p x", entry.displayName());
        assertEquals(entry.emulatorArguments(), entry.withProgram("p.musl").emulatorArguments());
        assertError("line 2: osgix= takes an emulator option", "[s]", "p | osgix=program");
    }

    @Test
    void errorsNameTheLine() {
        assertAll(
                () -> assertError("line 1: test line before", "hello"),
                () -> assertError("line 2: unknown option", "[s]", "p | color=red"),
                () -> assertError("line 2: unknown option", "[s]", "p | exit"),
                () -> assertError("line 2: native=skip needs exit", "[s]", "p | native=skip"),
                () -> assertError("line 2: exit status must be 0..255", "[s]", "p | exit=256"),
                () -> assertError("line 2: exit status must be 0..255", "[s]", "p | exit=x"),
                () -> assertError("line 2: bad regex", "[s]", "p | stdout~=(unclosed"),
                () -> assertError("line 2: option exit given twice", "[s]", "p | exit=1 exit=2"),
                () -> assertError("line 2: unterminated double quote", "[s]", "p \"open"),
                () -> assertError("line 2: more than one '|'", "[s]", "p | exit=0 | exit=1"),
                () -> assertError("line 2: no program", "[s]", "| exit=0"),
                () -> assertError("line 2: timeout must be", "[s]", "p | timeout=0"),
                () -> assertError("line 2: native must be run or skip", "[s]", "p | native=maybe"),
                () -> assertError("line 2: env needs NAME=VALUE", "[s]", "p | env=novalue"),
                () -> assertError("line 1: bad section header", "[bad section]"));
    }

    private void assertError(String expected, String... lines) {
        ManifestSyntaxException e = assertThrows(ManifestSyntaxException.class, () -> parser.parse(List.of(lines)));
        assertTrue(e.getMessage().contains(expected), () -> "message was: " + e.getMessage());
    }

    /** The real manifest parses, names are unique, and every guest program has a source. */
    @Test
    void theProjectManifestIsValid() throws IOException {
        Path tests = SuiteLayout.findRoot(System.getProperty("osgix.root"),
                Path.of(System.getProperty("user.dir")).toAbsolutePath()).resolve("tests");
        List<ManifestEntry> entries = parser.parse(Files.readAllLines(tests.resolve("manifest.txt")));
        assertTrue(entries.size() >= 40, "only " + entries.size() + " tests");
        Set<String> names = new HashSet<>();
        for (ManifestEntry entry : entries) {
            assertTrue(names.add(entry.displayName()), "duplicate test " + entry.displayName());
            boolean generated = entry.program().startsWith("bad/") || entry.program().equals("script.sh");
            if (!entry.isHostProgram() && !generated) {
                assertTrue(Files.isRegularFile(tests.resolve("guest").resolve(entry.program() + ".c")),
                        "no source for " + entry.program());
            }
        }
    }

    /** One naming scheme for guest programs: kebab-case, the family or subject first (epoll-aba.c). */
    @Test
    void guestProgramsAreNamedInKebabCase() throws IOException {
        Path guest = SuiteLayout.findRoot(System.getProperty("osgix.root"),
                Path.of(System.getProperty("user.dir")).toAbsolutePath()).resolve("tests/guest");
        Pattern kebab = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*\\.(c|h)");
        try (var files = Files.list(guest)) {
            List<String> bad = files.map(f -> f.getFileName().toString())
                    .filter(n -> !kebab.matcher(n).matches()).sorted().toList();
            assertTrue(bad.isEmpty(), "not kebab-case: " + bad);
        }
    }
}
