package org.osgix.launcher.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Hashtable;
import org.junit.jupiter.api.Test;

/** The launch request the kernel receives: JDK types only, options as osgix.option.NAME. */
class GuestRunTest {
    @Test
    void straceAndLaunchOptionsBecomeProcessOptions() throws Exception {
        Options o = Options.parse(new String[] {"--strace", "--poll=epoll", "/bin/echo", "hi"});
        Hashtable<String, Object> props = new GuestRun(null, o).requestProperties();
        assertEquals("cli", props.get("osgix.launch"));
        assertArrayEquals(new String[] {"/bin/echo", "hi"}, (String[]) props.get("osgix.argv"));
        assertEquals("true", props.get("osgix.option.strace"));
        assertEquals("epoll", props.get("osgix.option.poll"));
        assertFalse(props.containsKey("osgix.strace"), "the kernel has no tracer of its own any more");
    }

    @Test
    void withoutStraceThereIsNoStraceOption() throws Exception {
        Hashtable<String, Object> props = new GuestRun(null, Options.parse(new String[] {"prog"})).requestProperties();
        assertFalse(props.containsKey("osgix.option.strace"));
    }
}
