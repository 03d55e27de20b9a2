package org.osgix.samples.seeded.random.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.osgix.syscall.AddressSpace;
import org.osgix.syscall.GuestFault;
import org.osgix.syscall.GuestProcess;
import org.osgix.syscall.SyscallContext;

/** A syscall in flight against a small fake process: 128 KiB of writable memory at {@link #BASE}. */
final class FakeCall {
    static final long BASE = 0x10000;
    static final int SIZE = 128 * 1024;

    final ByteBuffer page = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
    final Map<String, String> options = new HashMap<>();
    private final Map<Class<?>, Object> state = new HashMap<>();
    final GuestProcess process = (GuestProcess) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {GuestProcess.class}, (proxy, method, args) -> switch (method.getName()) {
                case "option" -> options.get((String) args[0]);
                case "state" -> state.computeIfAbsent((Class<?>) args[0], k -> ((Supplier<?>) args[1]).get());
                default -> throw new UnsupportedOperationException(method.getName());
            });
    private final AddressSpace memory = (AddressSpace) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {AddressSpace.class}, (proxy, method, args) -> switch (method.getName()) {
                case "isAccessible" -> inPage((Long) args[0], (Long) args[1]);
                case "write" -> {
                    long addr = (Long) args[0];
                    int len = (Integer) args[3];
                    check(addr, len);
                    page.put((int) (addr - BASE), (byte[]) args[1], (Integer) args[2], len);
                    yield null;
                }
                case "writeLong" -> {
                    check((Long) args[0], 8);
                    page.putLong((int) ((Long) args[0] - BASE), (Long) args[1]);
                    yield null;
                }
                default -> throw new UnsupportedOperationException(method.getName());
            });

    SyscallContext call(long... args) {
        return (SyscallContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {SyscallContext.class}, (proxy, method, a) -> method.isDefault()
                    ? InvocationHandler.invokeDefault(proxy, method, a) : switch (method.getName()) {
                    case "arg0" -> args[0];
                    case "arg1" -> args[1];
                    case "arg2" -> args[2];
                    case "process" -> process;
                    case "memory" -> memory;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static boolean inPage(long addr, long len) {
        return addr >= BASE && len >= 0 && addr + len <= BASE + SIZE;
    }

    private static void check(long addr, long len) {
        if (!inPage(addr, len)) {
            throw new GuestFault(addr);
        }
    }
}
