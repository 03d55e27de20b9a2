package org.osgix.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgix.syscall.SyscallSupport;

/** The default composition comes up whole: every bundle active, every component active. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ComponentsIT {
    /** Every bundle of the composition that declares components (the API bundle declares none). */
    static final List<String> COMPONENT_BUNDLES = List.of("org.osgix.fd.table", "org.osgix.host.posix",
            "org.osgix.arch.x86_64", "org.osgix.engine.unicorn", "org.osgix.engine.native", "org.osgix.kernel", "org.osgix.loader.elf",
            "org.osgix.sys.mm", "org.osgix.sys.thread", "org.osgix.sys.time", "org.osgix.sys.info",
            "org.osgix.sys.files", "org.osgix.sys.io", "org.osgix.sys.signal", "org.osgix.sys.poll",
            "org.osgix.sys.socket", "org.osgix.poll.epoll", "org.osgix.poll.kqueue", "org.osgix.io.ioctl");

    @Inject
    BundleContext context;

    @Inject
    ServiceComponentRuntime scr;

    @Configuration
    public Option[] config() {
        return Itest.config();
    }

    @Test
    public void everyOsgixBundleIsActive() {
        List<String> notActive = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            if (b.getSymbolicName().startsWith("org.osgix.") && b.getState() != Bundle.ACTIVE) {
                notActive.add(b.getSymbolicName());
            }
        }
        assertEquals(List.of(), notActive);
    }

    @Test
    public void everyComponentOfEveryFamilyBundleReachesActive() {
        Map<String, String> problems = new TreeMap<>();
        for (String bsn : COMPONENT_BUNDLES) {
            Bundle bundle = Itest.bundle(context, bsn);
            List<ComponentDescriptionDTO> descriptions = new ArrayList<>(scr.getComponentDescriptionDTOs(bundle));
            if (descriptions.isEmpty()) {
                problems.put(bsn, "declares no component");
            }
            for (ComponentDescriptionDTO d : descriptions) {
                if (!scr.isComponentEnabled(d)) {
                    problems.put(d.name, "disabled");
                    continue;
                }
                var configs = scr.getComponentConfigurationDTOs(d);
                if (configs.isEmpty()) {
                    problems.put(d.name, "no configuration");
                }
                for (ComponentConfigurationDTO c : configs) {
                    if (c.state != ComponentConfigurationDTO.ACTIVE) {
                        problems.put(d.name, "state " + c.state + ", unsatisfied references: "
                                + Arrays.stream(c.unsatisfiedReferences).map(r -> r.name).toList());
                    }
                }
            }
        }
        assertEquals(Map.of(), problems);
    }

    @Test
    public void everyFamilyServesItsSyscallsInTheSupportTable() {
        Map<String, String> servedBy = new TreeMap<>();
        for (SyscallSupport.Row row : Itest.table(context)) {
            if (row.bundle() != null) {
                servedBy.put(row.name(), row.bundle());
                assertTrue(row.name() + " support " + row.support(),
                        row.support().equals("full") || row.support().equals("partial"));
                assertTrue(row.name() + " comes from " + row.bundle(), COMPONENT_BUNDLES.contains(row.bundle()));
            } else {
                assertEquals(row.name(), "enosys", row.support());
            }
        }
        Map<String, String> expected = Map.of("getpid", "org.osgix.sys.info", "mmap", "org.osgix.sys.mm",
                "futex", "org.osgix.sys.thread", "clock_gettime", "org.osgix.sys.time", "openat", "org.osgix.sys.files",
                "read", "org.osgix.sys.io", "rt_sigaction", "org.osgix.sys.signal", "epoll_wait", "org.osgix.sys.poll",
                "ioctl", "org.osgix.io.ioctl", "arch_prctl", "org.osgix.arch.x86_64");
        expected.forEach((syscall, bundle) -> assertEquals(syscall, bundle, servedBy.get(syscall)));
        assertFalse(servedBy.containsKey("kexec_load"));
        assertNotEquals("the table lists every syscall number", 0, Itest.row(context, "kexec_load").number());
    }
}
