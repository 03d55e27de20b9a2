package org.osgix.loader.elf.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.osgix.exec.ExecException;
import org.osgix.syscall.Errno;

/** Expected results measured natively with a script whose interpreter prints its argv. */
class ShebangLineTest {

    private static ShebangLine parse(String text) throws ExecException {
        return ShebangLine.parse(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static int errno(String text) {
        return assertThrows(ExecException.class, () -> parse(text)).errno();
    }

    @Test
    void interpreterAlone() throws Exception {
        assertEquals(new ShebangLine("/bin/sh", null), parse("#!/bin/sh\necho\n"));
        assertEquals(new ShebangLine("/bin/sh", null), parse("#!/bin/sh \n"));
    }

    @Test
    void blanksBeforeTheInterpreterAreSkipped() throws Exception {
        assertEquals(new ShebangLine("/bin/sh", "-x"), parse("#!  /bin/sh\t-x \t \n"));
    }

    @Test
    void argumentKeepsInnerBlanksAndLosesTrailingOnes() throws Exception {
        assertEquals(new ShebangLine("/tmp/le/ax", "one two"), parse("#!/tmp/le/ax  one two  \nxx\n"));
    }

    @Test
    void lineWithoutNewlineAtEndOfFile() throws Exception {
        assertEquals(new ShebangLine("/bin/sh", null), parse("#!/bin/sh"));
        assertEquals(new ShebangLine("/bin/sh", "-e"), parse("#!/bin/sh -e"));
    }

    @Test
    void nulEndsTheInterpreterAndTheArgument() throws Exception {
        assertEquals(new ShebangLine("/bin/sh", null), parse("#!/bin/sh\0 -x\n"));
        assertEquals(new ShebangLine("/bin/sh", "-x"), parse("#!/bin/sh -x\0y z\n"));
    }

    @Test
    void missingInterpreterIsENOEXEC() {
        assertEquals(Errno.ENOEXEC, errno("#!\n"));
        assertEquals(Errno.ENOEXEC, errno("#!   \n"));
    }

    /** The NUL padding of a short file ends an empty name (the loader then fails with EACCES). */
    @Test
    void bareHashBangAtEndOfFileNamesAnEmptyInterpreter() throws Exception {
        assertEquals(new ShebangLine("", null), parse("#!"));
        assertEquals(new ShebangLine("", null), parse("#! "));
    }

    @Test
    void interpreterPathCutOffAt256BytesIsENOEXEC() {
        assertEquals(Errno.ENOEXEC, errno("#!" + "/".repeat(300) + "\n"));
        assertEquals(Errno.ENOEXEC, errno("#!" + " ".repeat(300) + "\n"));
    }

    @Test
    void argumentCutOffAt256BytesIsTruncated() throws Exception {
        ShebangLine line = parse("#!/bin/echo " + "a".repeat(300) + "\n");
        assertEquals("/bin/echo", line.interpreter());
        assertEquals("a".repeat(243), line.argument()); // 256 - "#!/bin/echo ".length() - 1
    }

    @Test
    void blanksPastTheBufferLeaveNoArgument() throws Exception {
        assertEquals(new ShebangLine("/bin/sh", null), parse("#!/bin/sh" + " ".repeat(300) + "x\n"));
    }

    @Test
    void argvIsRewrittenAroundTheScriptPath() {
        ShebangLine withArgument = new ShebangLine("/bin/sh", "-e");
        assertEquals(List.of("/bin/sh", "-e", "/s", "A", "B"),
            withArgument.rewriteArgv(List.of("s", "A", "B"), "/s"));
        assertEquals(List.of("/usr/bin/env", "/s"),
            new ShebangLine("/usr/bin/env", null).rewriteArgv(List.of("whatever"), "/s"));
        assertEquals(List.of("/bin/sh", "/s"), new ShebangLine("/bin/sh", null).rewriteArgv(List.of(), "/s"));
    }

    @Test
    void isScriptNeedsHashBang() {
        assertEquals(true, ShebangLine.isScript("#!/".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(false, ShebangLine.isScript("#/".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(false, ShebangLine.isScript("#".getBytes(StandardCharsets.US_ASCII)));
    }
}
