/*
 * Entering and leaving guest code. This text is the range Syscall User Dispatch allows: a
 * syscall instruction here never traps, whatever the selector says (the signal restorer lives
 * here for that reason). Guest registers live in the vCPU block; GS base points at it.
 */
#include "vcpu.h"

    .text
    .globl osgix_text_begin
osgix_text_begin:

/* int osgix_enter(vcpu *v): runs guest code until it leaves; returns EXIT_* */
    .globl osgix_enter
    .type osgix_enter, @function
osgix_enter:
    push %rbx
    push %rbp
    push %r12
    push %r13
    push %r14
    push %r15
    mov %rsp, V_HOST_RSP(%rdi)
    stmxcsr V_HOST_MXCSR(%rdi)
    fnstcw V_HOST_FCW(%rdi)
    cmpb $0, osgix_fsgsbase(%rip)
    je 1f
    mov V_FS_BASE(%rdi), %rax
    wrfsbase %rax
    jmp 2f
1:  mov %rdi, %r12                     /* the kernel keeps FS: arch_prctl(ARCH_SET_FS) */
    mov $158, %eax
    mov $0x1002, %edi
    mov V_FS_BASE(%r12), %rsi
    syscall
    mov %r12, %rdi
2:  mov $-1, %eax
    mov $-1, %edx
    xrstor64 V_XSAVE(%rdi)
    movl $1, V_IN_GUEST(%rdi)
    movb $1, V_SELECTOR(%rdi)          /* from here on, syscalls outside this text trap */
    .globl osgix_entry_check
osgix_entry_check:                     /* a stop request landing from here to the jump aborts */
    cmpl $0, V_STOP(%rdi)
    jne osgix_entry_abort
    lea V_RFLAGS(%rdi), %rsp
    popfq
    mov V_RSP(%rdi), %rsp
    mov V_RAX(%rdi), %rax
    mov V_RBX(%rdi), %rbx
    mov V_RCX(%rdi), %rcx
    mov V_RDX(%rdi), %rdx
    mov V_RSI(%rdi), %rsi
    mov V_RBP(%rdi), %rbp
    mov V_R8(%rdi), %r8
    mov V_R9(%rdi), %r9
    mov V_R10(%rdi), %r10
    mov V_R11(%rdi), %r11
    mov V_R12(%rdi), %r12
    mov V_R13(%rdi), %r13
    mov V_R14(%rdi), %r14
    mov V_R15(%rdi), %r15
    mov V_RDI(%rdi), %rdi
    .globl osgix_entry_jump
osgix_entry_jump:
    jmp *%gs:V_RIP
    .size osgix_enter, . - osgix_enter

/* A stop was pending at entry: nothing of the guest state changed, leave at once. */
    .globl osgix_entry_abort
osgix_entry_abort:
    mov %gs:V_SELF, %rdi
    movl $0, V_STOP(%rdi)
    movl $EXIT_STOPPED, V_EXIT(%rdi)
    jmp restore_host

/*
 * A rewritten syscall site jumps here through its stub, in guest mode, with RAX = the number
 * and V_RIP already set to the instruction after the site's syscall.
 */
    .globl osgix_fast_entry
    .type osgix_fast_entry, @function
osgix_fast_entry:
    mov %rax, %gs:V_RAX
    mov %rax, %gs:V_SYSNO
    mov %rbx, %gs:V_RBX
    mov %rcx, %gs:V_RCX
    mov %rdx, %gs:V_RDX
    mov %rsi, %gs:V_RSI
    mov %rdi, %gs:V_RDI
    mov %rbp, %gs:V_RBP
    mov %rsp, %gs:V_RSP
    mov %r8, %gs:V_R8
    mov %r9, %gs:V_R9
    mov %r10, %gs:V_R10
    mov %r11, %gs:V_R11
    mov %r12, %gs:V_R12
    mov %r13, %gs:V_R13
    mov %r14, %gs:V_R14
    mov %r15, %gs:V_R15
    lea -128(%rsp), %rsp               /* skip the red zone, as a signal frame would */
    pushfq
    popq %gs:V_RFLAGS
    lea 128(%rsp), %rsp
    movq $0, %gs:V_TRAP_RIP
    movl $EXIT_SYSCALL, %gs:V_EXIT
    jmp save_guest
    .size osgix_fast_entry, . - osgix_fast_entry

/*
 * The signal handler saved the general registers from the signal frame and returned here; the
 * frame's return restored the guest's vector state into the CPU.
 */
    .globl osgix_signal_exit
osgix_signal_exit:
save_guest:
    mov %gs:V_SELF, %rdi
    cmpb $0, osgix_fsgsbase(%rip)
    je 1f
    rdfsbase %rax                      /* a guest may have used wrfsbase itself */
    mov %rax, V_FS_BASE(%rdi)
1:  mov $-1, %eax
    mov $-1, %edx
    xsave64 V_XSAVE(%rdi)
restore_host:
    cmpb $0, osgix_fsgsbase(%rip)
    je 1f
    mov V_HOST_FS(%rdi), %rax
    wrfsbase %rax
    jmp 2f
1:  mov %rdi, %r12
    mov $158, %eax
    mov $0x1002, %edi
    mov V_HOST_FS(%r12), %rsi
    syscall
    mov %r12, %rdi
2:  movb $0, V_SELECTOR(%rdi)
    movl $0, V_IN_GUEST(%rdi)
    mov V_HOST_RSP(%rdi), %rsp
    pushq $0x202                       /* the ABI's flags for the host: DF and AC clear */
    popfq
    fninit
    fldcw V_HOST_FCW(%rdi)
    ldmxcsr V_HOST_MXCSR(%rdi)
    mov V_EXIT(%rdi), %eax
    pop %r15
    pop %r14
    pop %r13
    pop %r12
    pop %rbp
    pop %rbx
    ret

/* The restorer of every handler osgix installs: rt_sigreturn from the allowed range. */
    .globl osgix_restorer
    .type osgix_restorer, @function
osgix_restorer:
    mov $15, %eax
    syscall
    ud2
    .size osgix_restorer, . - osgix_restorer

/* long osgix_raw_syscall(long nr, long a0..a4): a syscall that never traps (allowed range) */
    .globl osgix_raw_syscall
    .type osgix_raw_syscall, @function
osgix_raw_syscall:
    mov %rdi, %rax
    mov %rsi, %rdi
    mov %rdx, %rsi
    mov %rcx, %rdx
    mov %r8, %r10
    mov %r9, %r8
    mov 8(%rsp), %r9
    syscall
    ret
    .size osgix_raw_syscall, . - osgix_raw_syscall

    .globl osgix_text_end
osgix_text_end:
    .section .note.GNU-stack,"",@progbits
