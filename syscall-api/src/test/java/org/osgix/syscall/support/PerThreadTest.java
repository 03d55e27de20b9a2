package org.osgix.syscall.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PerThreadTest {

    @Test
    void eachThreadKeepsItsOwnValueWhileOthersAlternate() throws Exception {
        AtomicInteger created = new AtomicInteger();
        PerThread<Object> values = new PerThread<>(() -> {
            created.incrementAndGet();
            return new Object();
        });
        Object mine = values.get();
        assertSame(mine, values.get(), "the same thread gets the same value");
        CompletableFuture<Object[]> other = new CompletableFuture<>();
        Thread t = new Thread(() -> other.complete(new Object[] {values.get(), values.get()}));
        t.start();
        Object[] theirs = other.get(5, TimeUnit.SECONDS);
        assertSame(theirs[0], theirs[1]);
        assertNotSame(mine, theirs[0], "another thread has its own");
        assertSame(mine, values.get(), "and the first thread finds its own again after the other's calls");
        assertEquals(2, created.get());
    }
}
