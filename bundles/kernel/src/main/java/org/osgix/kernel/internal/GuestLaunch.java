package org.osgix.kernel.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.osgix.engine.CpuEngine;
import org.osgix.exec.ExecException;
import org.osgix.exec.ExecRequest;
import org.osgix.exec.LoadedImage;
import org.osgix.fd.FdTable;
import org.osgix.signal.SignalDelivery;
import org.osgix.syscall.Errno;

/**
 * Runs one program like a shell's exec would: resolves it in PATH, gives it the launcher's stdio,
 * loads it, waits for it, and turns failures into a shell's messages and statuses (127 not found,
 * 126 not executable).
 */
final class GuestLaunch {
    /** Launch option: a guest killed by a signal ends this JVM by that signal (set by the launcher). */
    static final String DIE_BY_SIGNAL = "die-by-signal";
    static final int NOT_FOUND = 127, NOT_EXECUTABLE = 126;
    /** No engine can run the program (as a shell's 125-range "cannot run" statuses). */
    static final int ENGINE_FAILURE = 125;
    static final String ENGINE_OPTION = "engine";

    private final Machinery machinery;
    private final LaunchRequest request;

    GuestLaunch(Machinery machinery, LaunchRequest request) {
        this.machinery = machinery;
        this.request = request;
    }

    int run() {
        String program = request.argv().get(0);
        String path = resolve(program);
        if (path == null) {
            // the shell's words: a path that is not there, or a name not found in PATH
            System.err.println("osgix: " + program + ": "
                    + (program.contains("/") ? "No such file or directory" : "command not found"));
            return NOT_FOUND;
        }
        if (new File(path).isDirectory()) {
            System.err.println("osgix: " + program + ": Is a directory");
            return NOT_EXECUTABLE;
        }
        FdTable fds = machinery.fdTables().newTable(1024);
        Stdio stdio = new Stdio(machinery.host());
        return launch(machinery, request, path, request.argv(), request.env(), fds, new ResourceLimits(), process -> {
            String stdioFailure = stdio.inherit(fds, process::option);
            if (stdioFailure != null) {
                System.err.println("osgix: " + stdioFailure);
            }
            SignalDelivery delivery = process.signalDelivery();
            if (delivery != null) {
                long[] inherited = InheritedSignals.read(process.option(InheritedSignals.OPTION));
                delivery.inheritExecState(process, process.pid(), inherited[0], inherited[1]);
            }
            return stdioFailure == null;
        });
    }

    /** Starts a created process: returns -1 once its first thread runs, or the status to exit with. */
    interface Starter {
        int start(GuestProcessImpl process);
    }

    /** Loads {@code path} into the process and starts its main thread at the entry point. */
    static Starter program(Architectures.Architecture arch, String path, List<String> argv, List<String> env) {
        return process -> {
            String program = argv.isEmpty() ? path : argv.get(0);
            LoadedImage image;
            try {
                image = arch.loader().load(new ExecRequest(path, path, argv, env), process.memory());
            } catch (ExecException e) {
                System.err.println("osgix: " + program + ": " + e.getMessage());
                process.abandon();
                return e.errno() == Errno.ENOENT ? NOT_FOUND : NOT_EXECUTABLE;
            }
            process.setProgram(path, realPath(image.executable()), image.argv(), env);
            process.setAuxv(image.auxv());
            process.startMain(image.entry(), image.stackPointer());
            return -1;
        };
    }

    static int launch(Machinery machinery, LaunchRequest request, String path, List<String> argv, List<String> env,
            FdTable fds, ResourceLimits limits, Predicate<GuestProcessImpl> setup) {
        Architectures.Architecture arch = architecture(machinery, path, argv.isEmpty() ? path : argv.get(0));
        if (arch == null) {
            fds.closeAll();
            return NOT_EXECUTABLE;
        }
        return launch(machinery, request, arch, fds, limits, setup, program(arch, path, argv, env));
    }

    /**
     * Creates the process with {@code fds} and {@code limits}, lets {@code setup} prepare it (false:
     * give up), starts it and waits for it; returns its exit status. A process killed by a signal
     * ends this runtime by the same signal when the launcher runs it (option die-by-signal), so the
     * host sees the death as Linux reports it; elsewhere (a test framework) the status is 128+N.
     */
    static int launch(Machinery machinery, LaunchRequest request, Architectures.Architecture arch, FdTable fds,
            ResourceLimits limits, Predicate<GuestProcessImpl> setup, Starter starter) {
        GuestProcessImpl process;
        try {
            CpuEngine engine = machinery.engines().choose(request.options().get(ENGINE_OPTION), arch.name());
            process = new GuestProcessImpl(engine, machinery.host(), arch.dispatcher(), fds,
                    limits, request.options(), machinery.spares());
        } catch (RuntimeException engineFailure) {
            System.err.println("osgix: cannot start the CPU engine: " + engineFailure.getMessage());
            fds.closeAll();
            return ENGINE_FAILURE;
        }
        process.attach(machinery.interceptors());
        process.attachSignals(machinery.signals());
        process.attachLoader(arch.loader());
        if (!setup.test(process)) {
            process.abandon();
            return NOT_EXECUTABLE;
        }
        machinery.hostSignals().add(process);
        SignalPost.listen(process);
        int status;
        try {
            status = starter.start(process);
            if (status < 0) {
                status = process.exited().join();
            }
        } finally {
            machinery.hostSignals().remove(process);
            machinery.spares().close(); // no spare outlives its runtime
        }
        // only a runtime of its own (the launcher sets the option) dies by the guest's signal;
        // a guest run inside a test framework reports 128+N and leaves that JVM alone
        if (process.killSignal() != 0 && "true".equals(request.options().get(DIE_BY_SIGNAL))) {
            System.out.flush();
            System.err.flush();
            machinery.host().dieBySignal(process.killSignal());
        }
        return status;
    }

    /**
     * The architecture the program is built for, when the arch services offer it; else null after
     * telling why. A file that is no ELF program is the primary architecture's loader's to refuse.
     */
    static Architectures.Architecture architecture(Machinery machinery, String path, String shown) {
        Architectures archs = machinery.architectures();
        String wanted = ProgramArch.of(path);
        String name = wanted != null ? wanted : archs.primary();
        Architectures.Architecture arch = name == null ? null : archs.get(name);
        if (arch == null) {
            System.err.println("osgix: " + shown + ": Exec format error (" + (wanted != null
                    ? "an " + wanted + " program" : "a program") + "; the architecture services offer "
                    + (archs.names().isEmpty() ? "none" : String.join(", ", archs.names())) + ")");
        }
        return arch;
    }

    /** What /proc/self/exe shows: the absolute path with symlinks resolved. */
    static String realPath(String path) {
        try {
            return Path.of(path).toRealPath().toString();
        } catch (IOException | RuntimeException e) {
            return Path.of(path).toAbsolutePath().normalize().toString();
        }
    }

    /** A program without a slash is looked up in the guest's PATH, like execvp. */
    private String resolve(String program) {
        if (program.contains("/")) {
            return new File(program).exists() ? program : null;
        }
        String pathVar = "/usr/local/bin:/usr/bin:/bin";
        for (String e : request.env()) {
            if (e.startsWith("PATH=")) {
                pathVar = e.substring(5);
            }
        }
        for (String dir : pathVar.split(":")) {
            File f = new File(dir.isEmpty() ? "." : dir, program);
            if (f.isFile() && f.canExecute()) {
                return f.getPath();
            }
        }
        return null;
    }
}
