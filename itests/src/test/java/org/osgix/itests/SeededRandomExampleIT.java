package org.osgix.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.nio.file.Path;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgix.testkit.GuestPrograms;
import org.osgix.testkit.GuestRunner;
import org.osgix.testkit.exam.OsgixOptions;

/** The third-party test shown in docs/writing-a-syscall-bundle.md, kept compiling and green here. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SeededRandomExampleIT {
    @Inject
    BundleContext context;

    @Configuration
    public Option[] config() {
        return options(OsgixOptions.osgix(), OsgixOptions.osgixBundle("seeded-random"));
    }

    @Test
    public void getrandomKeepsLinuxSemantics() {
        Path program = GuestPrograms.compile(Path.of("../tests/guest/getrandom.c"));
        new GuestRunner(context).assertSameAsNative(program.toString());
    }

    @Test
    public void theSameSeedGivesTheSameBytes() {
        String program = GuestPrograms.compile(Path.of("src/test/c/print-random.c")).toString();
        GuestRunner runner = new GuestRunner(context).option("random-seed", "7");
        String first = runner.run(program).stdout();
        assertEquals(first, runner.run(program).stdout());
        assertNotEquals(first, runner.runNative(program).stdout());
    }
}
