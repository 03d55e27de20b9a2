package org.osgix.sys.time.internal;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgix.host.Host;
import org.osgix.syscall.support.SyscallRegistrations;

/** The time family: clocks and sleeps. */
@Component
public final class TimeFamily {
    static final String FAMILY = "sys-time";

    private final SyscallRegistrations registrations;

    @Activate
    public TimeFamily(BundleContext context, @Reference(name = "host") Host host) {
        Clocks clocks = new Clocks(host, new ClockResolution(host));
        Sleep sleep = new Sleep(host);
        TimerFds timerFds = new TimerFds(host);
        registrations = new SyscallRegistrations(context, FAMILY)
            .partialNonBlocking("clock_gettime", "CPU-time clocks of other threads are not readable (EINVAL); "
                + "process and thread CPU time is the host thread's and JVM's", clocks::clockGettime)
            .fullNonBlocking("clock_getres", clocks::clockGetres)
            .fullNonBlocking("gettimeofday", clocks::gettimeofday)
            .fullNonBlocking("time", clocks::time)
            .full("nanosleep", sleep::nanosleep)
            .partial("clock_nanosleep", "alarm clocks need root; CPU-time sleeps poll the clock",
                sleep::clockNanosleep)
            .fullNonBlocking("timerfd_create", timerFds::create)
            .fullNonBlocking("timerfd_settime", timerFds::settime)
            .fullNonBlocking("timerfd_gettime", timerFds::gettime);
    }

    @Deactivate
    void deactivate() {
        registrations.close();
    }
}
