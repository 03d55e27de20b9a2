package org.osgix.arch.x86_64.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.osgix.engine.CpuRegister;
import org.osgix.syscall.AddressSpace;
import org.osgix.syscall.GuestFault;
import org.osgix.syscall.GuestThread;
import org.osgix.syscall.SyscallContext;

/** Minimal fakes built with dynamic proxies: only the methods arch_prctl uses answer. */
final class Fakes {
    /** Guest memory that is writable in [base, base+size) only. */
    static final class Memory {
        final long base;
        final long size;
        final Map<Long, Long> longs = new HashMap<>();

        Memory(long base, long size) {
            this.base = base;
            this.size = size;
        }

        AddressSpace proxy() {
            return Fakes.proxy(AddressSpace.class, (name, args) -> {
                if (!name.equals("writeLong")) {
                    throw new UnsupportedOperationException(name);
                }
                long addr = (Long) args[0];
                if (addr < base || addr > base + size - 8) {
                    throw new GuestFault(addr);
                }
                longs.put(addr, (Long) args[1]);
                return null;
            });
        }
    }

    /** A thread whose registers live in a map. */
    static final class Thread {
        final Map<CpuRegister, Long> registers = new EnumMap<>(CpuRegister.class);

        GuestThread proxy() {
            return Fakes.proxy(GuestThread.class, (name, args) -> switch (name) {
                case "register" -> registers.getOrDefault((CpuRegister) args[0], 0L);
                case "setRegister" -> {
                    registers.put((CpuRegister) args[0], (Long) args[1]);
                    yield null;
                }
                default -> throw new UnsupportedOperationException(name);
            });
        }
    }

    static SyscallContext call(Thread thread, Memory memory, long arg0, long arg1) {
        GuestThread t = thread.proxy();
        AddressSpace m = memory.proxy();
        return proxy(SyscallContext.class, (name, args) -> switch (name) {
            case "name" -> "arch_prctl";
            case "arg0" -> arg0;
            case "arg1" -> arg1;
            case "arg2", "arg3", "arg4", "arg5" -> 0L;
            case "thread" -> t;
            case "memory" -> m;
            default -> throw new UnsupportedOperationException(name);
        });
    }

    interface Answer {
        Object answer(String method, Object[] args);
    }

    @SuppressWarnings("unchecked")
    static <T> T proxy(Class<T> type, Answer answer) {
        return (T) Proxy.newProxyInstance(Fakes.class.getClassLoader(), new Class<?>[] {type},
            (self, method, args) -> {
                if (method.getDeclaringClass() == Object.class) {
                    return switch (method.getName()) {
                        case "hashCode" -> System.identityHashCode(self);
                        case "equals" -> self == args[0];
                        default -> type.getSimpleName() + " fake";
                    };
                }
                if (method.isDefault()) {
                    return InvocationHandler.invokeDefault(self, method, args);
                }
                return answer.answer(method.getName(), args);
            });
    }

    private Fakes() {
    }
}
