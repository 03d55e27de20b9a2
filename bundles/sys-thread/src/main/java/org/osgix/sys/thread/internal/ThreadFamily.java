package org.osgix.sys.thread.internal;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgix.host.Host;
import org.osgix.syscall.support.SyscallRegistrations;

/**
 * The sys-thread family: thread creation, futexes, thread exit and the scheduler interface.
 * rseq is deliberately left unregistered: glibc handles its ENOSYS.
 */
@Component
public final class ThreadFamily {
    static final String FAMILY = "sys-thread";

    private final SyscallRegistrations registrations;

    @Activate
    public ThreadFamily(BundleContext context, @Reference Host host) {
        registrations = register(new SyscallRegistrations(context, FAMILY), HostCpus.ofThisHost(), host::futex);
    }

    @Deactivate
    void deactivate() {
        registrations.close();
    }

    static SyscallRegistrations register(SyscallRegistrations regs, HostCpus cpus, Futex.HostCall hostFutex) {
        Futex futex = new Futex(hostFutex);
        Clone clone = new Clone();
        ThreadExit exit = new ThreadExit(futex);
        ThreadIdentity identity = new ThreadIdentity();
        Scheduling scheduling = new Scheduling(cpus);
        Priority priority = new Priority();
        return regs
            .partial("clone", Clone.NOTE, clone::clone)
            .partial("clone3", Clone.NOTE + "; set_tid is EPERM", clone::clone3)
            .full("vfork", clone::vfork)
            .partial("fork", Clone.FORK_NOTE, clone::fork)
            .partial("futex", Futex.PARTIAL_NOTE, futex)
            .partial("exit", RobustList.NOTE, exit::exit)
            .full("exit_group", exit::exitGroup)
            .fullNonBlocking("gettid", identity::gettid)
            .fullNonBlocking("set_tid_address", identity::setTidAddress)
            .fullNonBlocking("set_robust_list", identity::setRobustList)
            .partialNonBlocking("get_robust_list", ThreadIdentity.GET_ROBUST_LIST_NOTE, identity::getRobustList)
            .fullNonBlocking("sched_yield", scheduling::yield)
            .partialNonBlocking("sched_getaffinity", Scheduling.TARGET_NOTE, scheduling::getAffinity)
            .partialNonBlocking("sched_setaffinity", Scheduling.SETAFFINITY_NOTE + "; " + Scheduling.TARGET_NOTE,
                scheduling::setAffinity)
            .partialNonBlocking("sched_getscheduler", Scheduling.TARGET_NOTE, scheduling::getScheduler)
            .partialNonBlocking("sched_getparam", Scheduling.TARGET_NOTE, scheduling::getParam)
            .fullNonBlocking("sched_get_priority_max", scheduling::priorityMax)
            .fullNonBlocking("sched_get_priority_min", scheduling::priorityMin)
            .partialNonBlocking("getpriority", Priority.NOTE, priority::getPriority)
            .partialNonBlocking("setpriority", Priority.NOTE, priority::setPriority);
    }
}
