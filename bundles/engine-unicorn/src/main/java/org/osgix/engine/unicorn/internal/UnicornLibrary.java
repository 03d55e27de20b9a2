package org.osgix.engine.unicorn.internal;

import com.sun.jna.Callback;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

/**
 * Debian's libunicorn (2.0.x) bound with JNA direct mapping: every pointer is a raw {@code long}
 * so a call costs no allocation and no argument conversion. Only the engine package uses it.
 *
 * <p>{@code uc_hook_add} and {@code uc_ctl} are variadic in C. They are bound here with a fixed
 * number of integer arguments, which the x86_64 System V convention passes exactly as a variadic
 * call would (the callee ignores the vector-register count in AL for integer arguments).
 */
final class UnicornLibrary {
    static final int UC_ARCH_X86 = 4;
    static final int UC_MODE_64 = 8;

    static final int UC_ERR_OK = 0, UC_ERR_NOMEM = 1, UC_ERR_READ_UNMAPPED = 6,
        UC_ERR_WRITE_UNMAPPED = 7, UC_ERR_FETCH_UNMAPPED = 8, UC_ERR_INSN_INVALID = 10,
        UC_ERR_MAP = 11, UC_ERR_WRITE_PROT = 12, UC_ERR_READ_PROT = 13, UC_ERR_FETCH_PROT = 14,
        UC_ERR_ARG = 15, UC_ERR_EXCEPTION = 21;

    static final int UC_HOOK_INTR = 1, UC_HOOK_INSN = 2;
    /** Unmapped or protection-violating read, write and fetch. */
    static final int UC_HOOK_MEM_INVALID = 0x3f0;

    static final int UC_X86_INS_CPUID = 113, UC_X86_INS_SYSCALL = 699;

    /** {@code UC_CTL_WRITE(UC_CTL_TB_REMOVE_CACHE, 2)}: drop translations of [begin, end). */
    static final int UC_CTL_TB_REMOVE_CACHE = 0x48000009;

    static {
        Native.register(UnicornLibrary.class, load());
    }

    private UnicornLibrary() {
    }

    private static NativeLibrary load() {
        try {
            // The runtime package ships only the versioned name; -dev adds libunicorn.so.
            return NativeLibrary.getInstance("libunicorn.so.2");
        } catch (UnsatisfiedLinkError versionedMissing) {
            return NativeLibrary.getInstance("unicorn");
        }
    }

    /** {@code void (*)(uc_engine *uc, void *user_data)}: the syscall instruction hook. */
    interface InstructionHook extends Callback {
        void invoke(long uc, long userData);
    }

    /** {@code int (*)(uc_engine *uc, void *user_data)}: the CPUID hook; 1 skips the instruction. */
    interface CpuidHook extends Callback {
        int invoke(long uc, long userData);
    }

    /** {@code void (*)(uc_engine *uc, uint32_t intno, void *user_data)}. */
    interface InterruptHook extends Callback {
        void invoke(long uc, int intno, long userData);
    }

    /**
     * {@code bool (*)(uc_engine *uc, uc_mem_type type, uint64_t address, int size, int64_t value,
     * void *user_data)}; returning 0 stops emulation.
     */
    interface InvalidMemoryHook extends Callback {
        int invoke(long uc, int type, long address, int size, long value, long userData);
    }

    static native int uc_open(int arch, int mode, long ucOut);

    static native int uc_close(long uc);

    static native String uc_strerror(int code);

    static native int uc_emu_start(long uc, long begin, long until, long timeout, long count);

    static native int uc_emu_stop(long uc);

    static native int uc_reg_read(long uc, int regid, long value);

    static native int uc_reg_write(long uc, int regid, long value);

    static native int uc_reg_read_batch(long uc, long regids, long values, int count);

    static native int uc_reg_write_batch(long uc, long regids, long values, int count);

    static native int uc_mem_map(long uc, long address, long size, int perms);

    static native int uc_mem_map_ptr(long uc, long address, long size, int perms, long hostPtr);

    static native int uc_mem_unmap(long uc, long address, long size);

    static native int uc_mem_write(long uc, long address, byte[] bytes, long size);

    static native int uc_hook_add(long uc, long hookOut, int type, Callback callback, long userData,
            long begin, long end, int extra);

    static native int uc_ctl(long uc, int control, long arg0, long arg1);

    static native int uc_context_alloc(long uc, long contextOut);

    static native int uc_context_save(long uc, long context);

    static native int uc_context_restore(long uc, long context);

    static native int uc_context_reg_read(long context, int regid, long value);

    static native int uc_context_reg_write(long context, int regid, long value);

    static native int uc_context_free(long context);

    /** A readable description of a uc_err. */
    static String describe(int err) {
        return uc_strerror(err) + " (" + err + ")";
    }
}
