package org.osgix.engine.unicorn.internal;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Native memory Java reads and writes without a JNI call: a direct byte buffer (its accessors
 * are compiled to plain loads and stores) whose address is handed to Unicorn. JNA's
 * {@code Memory.getLong} would cost a JNI transition per access on the syscall hot path.
 */
final class NativeBuffer {
    private final ByteBuffer buffer;
    private final long address;

    NativeBuffer(int size) {
        buffer = ByteBuffer.allocateDirect(size).order(ByteOrder.nativeOrder());
        address = Pointer.nativeValue(Native.getDirectBufferPointer(buffer));
    }

    /** The native address of byte {@code offset}. */
    long address(int offset) {
        return address + offset;
    }

    long getLong(int offset) {
        return buffer.getLong(offset);
    }

    void putLong(int offset, long value) {
        buffer.putLong(offset, value);
    }

    void putInt(int offset, int value) {
        buffer.putInt(offset, value);
    }
}
