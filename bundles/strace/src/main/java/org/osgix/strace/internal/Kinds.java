package org.osgix.strace.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * The argument kinds the signature table may use, by name. Parameterised kinds take the index of
 * a related argument in parentheses: {@code wbuf(2)} is a buffer whose length is argument 2.
 */
final class Kinds {
    private static final Map<String, Kind> KINDS = new HashMap<>();

    static {
        // numbers and pointers
        put("int", Kind.input((out, call, v) -> out.append((int) v)));
        put("uint", Kind.input((out, call, v) -> out.append(v & 0xffffffffL)));
        put("long", Kind.input((out, call, v) -> out.append(v)));
        put("ulong", Kind.input((out, call, v) -> out.append(Long.toUnsignedString(v))));
        put("hex", Kind.input((out, call, v) -> Scalars.hex(out, v)));
        put("ptr", Kind.input((out, call, v) -> Scalars.pointer(out, v)));
        put("fd", Kind.input((out, call, v) -> out.append((int) v)));
        put("dirfd", Kind.input((out, call, v) -> Scalars.descriptorOrCwd(out, v)));
        put("mode", Kind.input((out, call, v) -> Scalars.mode(out, v)));
        put("signal", Kind.input((out, call, v) -> Signals.appendName(out, v)));
        // strings and buffers
        put("path", Kind.input((out, call, v) -> Buffers.cString(out, call.memory(), v, Buffers.PATH_MAX)));
        put("str", Kind.input((out, call, v) -> Buffers.cString(out, call.memory(), v, Buffers.STRING_LIMIT)));
        put("wbuf", Kind.input(len -> (out, call, v) -> Buffers.data(out, call.memory(), v, call.arg(len), false)));
        put("rbuf", Kind.output((out, call, v) -> Buffers.data(out, call.memory(), v, call.result(), false)));
        put("rhex", Kind.output((out, call, v) -> Buffers.data(out, call.memory(), v, call.result(), true)));
        put("rstr", Kind.output((out, call, v) -> Buffers.cString(out, call.memory(), v, Buffers.PATH_MAX)));
        put("wiov", Kind.input(count -> (out, call, v) ->
                Buffers.iovecs(out, call.memory(), v, call.arg(count), Long.MAX_VALUE)));
        put("riov", Kind.output(count -> (out, call, v) ->
                Buffers.iovecs(out, call.memory(), v, call.arg(count), call.result())));
        put("argv", Kind.input((out, call, v) -> Buffers.stringArray(out, call.memory(), v)));
        put("envp", Kind.input((out, call, v) -> Buffers.environment(out, call.memory(), v)));
        put("fdpair", Kind.output((out, call, v) -> Buffers.descriptorPair(out, call.memory(), v)));
        put("dirents", Kind.output((out, call, v) -> Buffers.directoryEntries(out, call.memory(), v, call.result())));
        // flags and enumerations
        put("oflags", Kind.input((out, call, v) -> Scalars.openFlags(out, v & 0xffffffffL)));
        put("fdflags", Kind.input((out, call, v) -> Tables.OPEN_FLAGS.append(out, v & 0xffffffffL)));
        put("omode", Kind.input((out, call, v) -> Scalars.mode(out, v)).shownWhen(flags -> call ->
                (call.arg(flags) & (Tables.O_CREAT | Tables.O_TMPFILE_BIT)) != 0));
        put("atflags", Kind.input((out, call, v) -> Tables.AT_FLAGS.append(out, v & 0xffffffffL)));
        put("statxflags", Kind.input((out, call, v) -> Scalars.statxFlags(out, v & 0xffffffffL)));
        put("statxmask", Kind.input((out, call, v) -> Tables.STATX_MASK.append(out, v & 0xffffffffL)));
        put("access", Kind.input((out, call, v) -> Tables.ACCESS.append(out, v & 0xffffffffL)));
        put("renameflags", Kind.input((out, call, v) -> Tables.RENAME.append(out, v & 0xffffffffL)));
        put("whence", Kind.input((out, call, v) -> Tables.WHENCE.append(out, v & 0xffffffffL)));
        put("prot", Kind.input((out, call, v) -> Tables.PROT.append(out, v)));
        put("mapflags", Kind.input((out, call, v) -> Scalars.mapFlags(out, v & 0xffffffffL)));
        put("mremapflags", Kind.input((out, call, v) -> Tables.MREMAP.append(out, v)));
        put("msflags", Kind.input((out, call, v) -> Tables.MSYNC.append(out, v)));
        put("madvice", Kind.input((out, call, v) -> Tables.MADVICE.append(out, v)));
        put("cloneflags", Kind.input((out, call, v) -> Scalars.cloneFlags(out, v)));
        put("waitflags", Kind.input((out, call, v) -> Tables.WAIT_OPTIONS.append(out, v & 0xffffffffL)));
        put("archcode", Kind.input((out, call, v) -> Tables.ARCH_PRCTL.append(out, v)));
        put("rlimres", Kind.input((out, call, v) -> Tables.RLIMITS.append(out, v)));
        put("grndflags", Kind.input((out, call, v) -> Tables.GETRANDOM.append(out, v)));
        put("clockid", Kind.input((out, call, v) -> Tables.CLOCKS.append(out, (int) v)));
        put("timerflags", Kind.input((out, call, v) -> Tables.TIMER_FLAGS.append(out, v)));
        put("sighow", Kind.input((out, call, v) -> Tables.SIGPROCMASK_HOW.append(out, v)));
        put("epollop", Kind.input((out, call, v) -> Tables.EPOLL_OPS.append(out, v)));
        put("epollflags", Kind.input((out, call, v) -> Tables.EPOLL_CREATE.append(out, v)));
        put("efdflags", Kind.input((out, call, v) -> Tables.EVENTFD.append(out, v)));
        put("sfdflags", Kind.input((out, call, v) -> Tables.SIGNALFD.append(out, v)));
        put("ioctlreq", Kind.input((out, call, v) -> Scalars.ioctlRequest(out, v)));
        put("ioctlarg", Kind.input(request -> (out, call, v) -> Scalars.ioctlArgument(out, call.arg(request), v)));
        // structures
        put("stat", Kind.output(struct(Structs::stat)));
        put("statx", Kind.output(struct(Structs::statx)));
        put("timespec", Kind.input(struct(Structs::timespec)));
        put("otimespec", Kind.output(struct(Structs::timespec)));
        put("rlimit", Kind.input(struct(Structs::rlimit)));
        put("orlimit", Kind.output(struct(Structs::rlimit)));
        put("utsname", Kind.output(struct(Structs::utsname)));
        put("sigset", Kind.input(struct(Structs::sigset)));
        put("osigset", Kind.output(struct(Structs::sigset)));
        put("sigaction", Kind.input(struct(Structs::sigaction)));
        put("osigaction", Kind.output(struct(Structs::sigaction)));
        put("cloneargs", Kind.input(struct(Structs::cloneArgs)));
        put("epollevent", Kind.input(struct(Structs::epollEvent)));
        put("pollfds", Kind.input(count -> (out, call, v) ->
                Structs.at(out, call.memory(), v, (o, m, a) -> Structs.pollRequests(o, m, a, call.arg(count)))));
        put("oepollevents", Kind.output((out, call, v) ->
                Structs.at(out, call.memory(), v, (o, m, a) -> Structs.epollEvents(o, m, a, call.result()))));
        // sockets
        put("sockdomain", Kind.input((out, call, v) -> SocketFormats.DOMAINS.append(out, v)));
        put("socktype", Kind.input((out, call, v) -> SocketFormats.type(out, v)));
        put("sockflags", Kind.input((out, call, v) -> SocketFormats.TYPE_FLAGS.append(out, v & 0xffffffffL)));
        put("sockproto", Kind.input(domain -> (out, call, v) -> SocketFormats.protocol(out, call.arg(domain), v)));
        put("sockaddr", Kind.input(len -> (out, call, v) -> SocketFormats.address(out, call.memory(), v, call.arg(len))));
        put("osockaddr", Kind.output(lenPtr -> (out, call, v) ->
                SocketFormats.filledAddress(out, call.memory(), v, call.arg(lenPtr))));
        put("osocklen", Kind.output((out, call, v) -> SocketFormats.length(out, call.memory(), v)));
        put("msgflags", Kind.input((out, call, v) -> SocketFormats.MSG_FLAGS.append(out, v & 0xffffffffL)));
        put("msghdr", Kind.input((out, call, v) -> SocketFormats.message(out, call.memory(), v, -1)));
        put("omsghdr", Kind.output((out, call, v) -> SocketFormats.message(out, call.memory(), v, call.result())));
        put("shuthow", Kind.input((out, call, v) -> SocketFormats.SHUTDOWN.append(out, v)));
        put("solevel", Kind.input((out, call, v) -> SocketFormats.LEVELS.append(out, v)));
        put("sockopt", Kind.input(level -> (out, call, v) -> SocketFormats.option(out, call.arg(level), v)));
        put("optval", Kind.input(len -> (out, call, v) ->
                SocketFormats.optionValue(out, call.memory(), v, call.arg(len))));
        put("ooptval", Kind.output(lenPtr -> (out, call, v) -> {
            long len;
            try {
                len = call.memory().readInt(call.arg(lenPtr));
            } catch (org.osgix.syscall.GuestFault fault) {
                len = -1;
            }
            SocketFormats.optionValue(out, call.memory(), v, len);
        }));
        // arguments shaped by another argument
        put("futexop", Kind.input((out, call, v) -> CallFormats.futexOperation(out, v)));
        put("futextail", Kind.input((out, call, v) -> CallFormats.futexTail(out, call))
                .shownWhen(p -> CallFormats::futexHasTail));
        put("fcntlcmd", Kind.input((out, call, v) -> Tables.FCNTL_COMMANDS.append(out, v & 0xffffffffL)));
        put("fcntlarg", Kind.input(CallFormats::fcntlArgument).shownWhen(p -> CallFormats::fcntlHasArgument));
        put("prctlop", Kind.input((out, call, v) -> Tables.PRCTL.append(out, v & 0xffffffffL)));
        put("prctltail", Kind.input((out, call, v) -> CallFormats.prctlTail(out, call))
                .shownWhen(p -> CallFormats::prctlHasTail));
        put("cloneptid", Kind.input((out, call, v) -> Scalars.pointer(out, v)).shownWhen(p -> call ->
                (call.arg(0) & (Tables.CLONE_PARENT_SETTID | Tables.CLONE_PIDFD)) != 0));
        put("clonetls", Kind.input((out, call, v) -> Scalars.pointer(out, v)).shownWhen(p -> call ->
                (call.arg(0) & Tables.CLONE_SETTLS) != 0));
        put("clonectid", Kind.input((out, call, v) -> Scalars.pointer(out, v)).shownWhen(p -> call ->
                (call.arg(0) & (Tables.CLONE_CHILD_SETTID | Tables.CLONE_CHILD_CLEARTID)) != 0));
    }

    /** Result kinds: how the return value is printed when it is not an error. */
    private static final Map<String, ArgFormat> RESULTS = Map.of(
            "int", (out, call, v) -> out.append(v),
            "hex", (out, call, v) -> Scalars.hex(out, v),
            "octal", (out, call, v) -> Scalars.mode(out, v),
            "fcntl", CallFormats::fcntlResult,
            "poll", CallFormats::pollResult);

    private Kinds() {
    }

    private static void put(String name, Kind kind) {
        KINDS.put(name, kind);
    }

    private static ArgFormat struct(Structs.Decoder decoder) {
        return (out, call, v) -> Structs.at(out, call.memory(), v, decoder);
    }

    static Kind kind(String name) {
        return KINDS.get(name);
    }

    static ArgFormat result(String name) {
        return RESULTS.get(name);
    }
}
