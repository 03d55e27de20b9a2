package org.osgix.launcher.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The parsed command line: {@code osgix [options] PROGRAM [ARGS...]}. */
final class Options {
    static final String USAGE = """
            usage: osgix [options] PROGRAM [ARGS...]
                   osgix syscalls
            Runs a Linux x86_64 program. PROGRAM without a slash is looked up in PATH.
            'osgix syscalls' prints the syscall support table of the composition.
              --composition=NAME  run the exported composition NAME (./osgix only; default full)
              --strace            print each syscall, decoded, to stderr (the strace bundle)
              --strace-output=FILE  --strace, written to FILE instead of stderr
              --log=FILE          emulator diagnostics (java.util.logging, System.Logger) go to FILE;
                                  by default they are dropped: the guest's stdout and stderr carry
                                  only the guest's output and one-line fatal messages
              --shell             a Gogo shell beside the program (lb, stop, start, syscalls):
                                  it reads the terminal (/dev/tty) and writes to stderr
              --shell-input=FILE  the shell reads FILE (a file or a FIFO) instead
              -E VAR=VALUE        set VAR in the guest environment
              -U VAR              remove VAR from the guest environment
              --sysroot=DIR       guest absolute paths resolve inside DIR (default /)
              --engine=NAME       the CPU engine: native (guest code runs on the host CPU) or
                                  unicorn (emulated, contains the guest); default native where
                                  the host supports it ('osgix syscalls' says which runs)
              --poll=NAME         the poll backend: kqueue or epoll (default: the fastest)
              --compat=LIST       compatibility settings, comma-separated (opath-cloexec-ioctl)
              --help              show this help
            The exit status is the program's (128+N when signal N killed it; 127: not found;
            126: not executable).""";

    /** Thrown for a malformed command line (exit status 2). */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** What to do instead of running a program. */
    enum Command {
        RUN, SYSCALLS
    }

    boolean help;
    boolean strace;
    /** --strace-output=FILE, absolute; null: stderr. */
    String straceOutput;
    /** --log=FILE, absolute; null: diagnostics are dropped. */
    String logFile;
    boolean shell;
    String shellInput;
    Command command = Command.RUN;
    final List<String> argv = new ArrayList<>();
    final Map<String, String> set = new LinkedHashMap<>();
    final List<String> unset = new ArrayList<>();
    /** Launch options handed to the guest process ({@code --name=value}). */
    final Map<String, String> launchOptions = new LinkedHashMap<>();
    private static final List<String> LAUNCH_OPTIONS = List.of("sysroot", "poll", "compat", "engine", "child");
    private static final String SYSCALLS = "syscalls";

    static Options parse(String[] args) throws UsageException {
        Options o = new Options();
        int i = 0;
        for (; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                i++;
                break;
            }
            if (!a.startsWith("-") || a.equals("-")) {
                break;
            }
            switch (a) {
                case "--help", "-h" -> o.help = true;
                case "--strace" -> o.strace = true;
                case "-E" -> {
                    String kv = value(args, ++i, a);
                    int eq = kv.indexOf('=');
                    if (eq <= 0) {
                        throw new UsageException("-E needs VAR=VALUE, got '" + kv + "'");
                    }
                    o.set.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
                case "-U" -> o.unset.add(value(args, ++i, a));
                case "--shell" -> o.shell = true;
                default -> {
                    if (a.startsWith("--shell-input=")) {
                        o.shell = true;
                        o.shellInput = nonEmpty(a, a.substring("--shell-input=".length()));
                    } else if (a.startsWith("--strace-output=")) {
                        o.strace = true;
                        o.straceOutput = absolute(nonEmpty(a, a.substring("--strace-output=".length())));
                    } else if (a.startsWith("--log=")) {
                        o.logFile = absolute(nonEmpty(a, a.substring("--log=".length())));
                    } else if (a.startsWith("--composition=")) {
                        throw new UsageException("--composition is an option of ./osgix (it picks the jar);"
                                + " run an exported composition with java -jar osgix-NAME.jar");
                    } else {
                        o.launchOption(a);
                    }
                }
            }
        }
        if (i < args.length && args[i].equals(SYSCALLS) && i + 1 == args.length) {
            o.command = Command.SYSCALLS; // a program called "syscalls" runs as ./syscalls or by path
            return o;
        }
        for (; i < args.length; i++) {
            o.argv.add(args[i]);
        }
        // --child=FD: a runtime started by another one, which sends it its process (no program)
        if (!o.help && o.argv.isEmpty() && !o.launchOptions.containsKey("child")) {
            throw new UsageException("no program given");
        }
        return o;
    }

    private void launchOption(String arg) throws UsageException {
        int eq = arg.indexOf('=');
        String name = arg.startsWith("--") && eq > 2 ? arg.substring(2, eq) : null;
        if (name == null || !LAUNCH_OPTIONS.contains(name)) {
            throw new UsageException("unknown option '" + arg + "'");
        }
        launchOptions.put(name, nonEmpty(arg, arg.substring(eq + 1)));
    }

    private static String nonEmpty(String arg, String value) throws UsageException {
        if (value.isEmpty()) {
            throw new UsageException(arg + ": empty value");
        }
        return value;
    }

    /** The launcher's working directory is the guest's, but a bundle must not depend on it. */
    private static String absolute(String path) {
        return java.nio.file.Path.of(path).toAbsolutePath().toString();
    }

    private static String value(String[] args, int i, String option) throws UsageException {
        if (i >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    /** The guest environment: the launcher's own, in its original order, with -E/-U applied. */
    List<String> environment(List<String> inherited) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String e : inherited) {
            int eq = e.indexOf('=');
            if (eq > 0) {
                env.put(e.substring(0, eq), e.substring(eq + 1));
            }
        }
        unset.forEach(env::remove);
        env.putAll(set);
        List<String> out = new ArrayList<>();
        env.forEach((k, v) -> out.add(k + "=" + v));
        return out;
    }
}
