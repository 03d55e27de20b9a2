package org.osgix.loader.elf.internal;

import java.security.SecureRandom;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgix.exec.ExecException;
import org.osgix.exec.ExecRequest;
import org.osgix.exec.LoadedImage;
import org.osgix.exec.ProgramLoader;
import org.osgix.host.Host;
import org.osgix.syscall.AddressSpace;
import org.osgix.syscall.Errno;

/**
 * Loads x86_64 ELF executables (ET_EXEC, static-pie and dynamic PIE with their PT_INTERP) and
 * {@code #!} scripts into an empty address space, as Linux's execve does.
 */
@Component(service = ProgramLoader.class, property = ProgramLoader.ARCH + "=x86_64")
public final class ElfProgramLoader implements ProgramLoader {
    /** Linux allows this many nested {@code #!} interpreters; one more is ELOOP. */
    static final int MAX_SCRIPT_DEPTH = 5;
    /**
     * AT_HWCAP on x86 is CPUID leaf 1 EDX; the engine's CPUID hook must report the same value.
     * 0x178bfbff is a common x86_64 CPU's: FPU VME DE PSE TSC MSR PAE MCE CX8 APIC SEP MTRR PGE
     * MCA CMOV PAT PSE36 CLFSH MMX FXSR SSE SSE2 HTT (FPU and MMX are what glibc's ld.so checks,
     * and what Unicorn's own CPUID lacks).
     */
    static final long HWCAP = 0x178bfbffL;

    private final Host host;
    private final GuestPaths paths = new GuestPaths();
    private final SecureRandom random = new SecureRandom();

    @Activate
    public ElfProgramLoader(@Reference(name = "host") Host host) {
        this.host = host;
    }

    @Override
    public LoadedImage load(ExecRequest request, AddressSpace space) throws ExecException {
        return load(request, space, () -> { });
    }

    @Override
    public LoadedImage load(ExecRequest request, AddressSpace space, Runnable pointOfNoReturn)
        throws ExecException {
        List<String> argv = request.argv().isEmpty() ? List.of("") : request.argv();
        String guestPath = request.path();
        String hostPath = request.hostPath();
        for (int depth = 0;; depth++) {
            try (ExecutableFile file = ExecutableFile.open(host, hostPath)) {
                if (depth == 0) {
                    // as Linux: the strings are copied (E2BIG) after the open, before the format
                    InitialStack.checkSizes(argv, request.envp(), request.path());
                }
                if (depth > MAX_SCRIPT_DEPTH) {
                    throw ExecErrors.of(Errno.ELOOP);
                }
                byte[] head = file.read(0, ShebangLine.BUFFER_SIZE);
                if (ShebangLine.isScript(head)) {
                    ShebangLine line = ShebangLine.parse(head);
                    argv = line.rewriteArgv(argv, guestPath);
                    guestPath = line.interpreter();
                    hostPath = interpreterHostPath(guestPath);
                    continue;
                }
                if (!ElfImage.hasElfMagic(head)) {
                    throw ExecErrors.formatError();
                }
                ElfImage program = ElfImage.parse(head, file);
                return loadElf(program, file, guestPath, request, argv, space, pointOfNoReturn);
            }
        }
    }

    private LoadedImage loadElf(ElfImage program, ExecutableFile file, String guestPath,
        ExecRequest request, List<String> argv, AddressSpace space, Runnable pointOfNoReturn)
        throws ExecException {
        String interpreterPath = program.interpreter();
        try (ExecutableFile interpreterFile = interpreterPath == null ? null
            : ExecutableFile.open(host, interpreterHostPath(interpreterPath))) {
            ElfImage interpreter = interpreterFile == null ? null : parseInterpreter(interpreterFile);
            InitialStack.checkSizes(argv, request.envp(), request.path()); // a script's longer argv
            pointOfNoReturn.run();
            SegmentMapper mapper = new SegmentMapper(space);
            MappedImage main = mapper.map(program, file, guestPath);
            MappedImage mappedInterpreter = interpreter == null ? null
                : mapper.map(interpreter, interpreterFile, interpreterPath);
            space.initBrk(main.end());

            AuxVector aux = auxVector(program, main, mappedInterpreter);
            byte[] randomBytes = new byte[16];
            random.nextBytes(randomBytes);
            long sp = new InitialStack(space).build(argv, request.envp(), request.path(), aux,
                randomBytes, program.executableStack());
            long entry = mappedInterpreter == null ? main.entry() : mappedInterpreter.entry();
            return new LoadedImage(entry, sp, guestPath, List.copyOf(argv), aux.toBytes());
        }
    }

    /**
     * Where the host finds an interpreter named by a {@code #!} line or PT_INTERP. Linux resolves
     * an empty name to the working directory, so it fails as a directory does: EACCES.
     */
    private String interpreterHostPath(String guestPath) throws ExecException {
        if (guestPath.isEmpty()) {
            throw ExecErrors.of(Errno.EACCES);
        }
        return paths.toHostPath(guestPath);
    }

    /**
     * Linux's errors for a bad PT_INTERP file: EIO when it is shorter than an ELF header,
     * ELIBBAD for any other format problem.
     */
    private static ElfImage parseInterpreter(ExecutableFile file) throws ExecException {
        byte[] head = file.read(0, ElfImage.HEADER_SIZE);
        if (head.length < ElfImage.HEADER_SIZE) {
            throw ExecErrors.of(Errno.EIO);
        }
        try {
            return ElfImage.parse(head, file);
        } catch (ExecException e) {
            throw e.errno() == Errno.ENOEXEC ? ExecErrors.of(ExecErrors.ELIBBAD) : e;
        }
    }

    /** The auxiliary vector in Linux's order; the stack fills in its own addresses. */
    private AuxVector auxVector(ElfImage program, MappedImage main, MappedImage interpreter) {
        return new AuxVector()
            .put(AuxVector.AT_HWCAP, HWCAP)
            .put(AuxVector.AT_PAGESZ, GuestPages.SIZE)
            .put(AuxVector.AT_CLKTCK, 100)
            .put(AuxVector.AT_PHDR, main.phdrAddress())
            .put(AuxVector.AT_PHENT, ProgramHeader.SIZE)
            .put(AuxVector.AT_PHNUM, program.phdrCount())
            .put(AuxVector.AT_BASE, interpreter == null ? 0 : interpreter.bias())
            .put(AuxVector.AT_FLAGS, 0)
            .put(AuxVector.AT_ENTRY, main.entry())
            .put(AuxVector.AT_UID, Integer.toUnsignedLong(host.getuid()))
            .put(AuxVector.AT_EUID, Integer.toUnsignedLong(host.geteuid()))
            .put(AuxVector.AT_GID, Integer.toUnsignedLong(host.getgid()))
            .put(AuxVector.AT_EGID, Integer.toUnsignedLong(host.getegid()))
            .put(AuxVector.AT_SECURE, 0)
            .put(AuxVector.AT_RANDOM, 0)
            .put(AuxVector.AT_HWCAP2, 0)
            .put(AuxVector.AT_EXECFN, 0)
            .put(AuxVector.AT_PLATFORM, 0);
    }
}
