"""A seccomp filter for the bwrap backend, as the classic-BPF program `bwrap --seccomp FD` loads.

It is a deny-list (Docker's default profile is the model): compilers, interpreters and test runners
never need these syscalls, while a hostile program needs them to attack the kernel or leave the
sandbox (new user namespaces grant full capabilities inside them; mount, ptrace, bpf, keyrings and
io_uring are the usual kernel attack surface). Denied calls fail with EPERM, so programs that probe
for a feature fall back cleanly; anything that is not x86_64 (32-bit or x32 entry points, which have
their own syscall numbers and would bypass the list) is refused outright.
"""

from __future__ import annotations

import errno
import struct

# <linux/filter.h> and <linux/seccomp.h>
_LD_W_ABS = 0x00 | 0x00 | 0x20  # BPF_LD | BPF_W | BPF_ABS
_JEQ, _JGE, _JSET = 0x05 | 0x10, 0x05 | 0x30, 0x05 | 0x40  # BPF_JMP | op | BPF_K
_RET = 0x06  # BPF_RET | BPF_K
RET_KILL_PROCESS, RET_ERRNO, RET_ALLOW = 0x80000000, 0x00050000, 0x7FFF0000
AUDIT_ARCH_X86_64 = 0xC000003E
X32_SYSCALL_BIT = 0x40000000
# struct seccomp_data: int nr; __u32 arch; __u64 instruction_pointer; __u64 args[6] (little-endian,
# so the low 32 bits of args[0] are at offset 16).
_NR, _ARCH, _ARG0_LO = 0, 4, 16

# x86_64 numbers, from <asm/unistd_64.h>.
CLONE, CLONE3, PERSONALITY = 56, 435, 135
DENIED = {
    "ptrace": 101, "syslog": 103, "uselib": 134, "pivot_root": 155, "_sysctl": 156, "adjtimex": 159,
    "acct": 163, "settimeofday": 164, "mount": 165, "umount2": 166, "swapon": 167, "swapoff": 168,
    "reboot": 169, "iopl": 172, "ioperm": 173, "create_module": 174, "init_module": 175,
    "delete_module": 176, "quotactl": 179, "nfsservctl": 180, "lookup_dcookie": 212,
    "clock_settime": 227, "kexec_load": 246, "add_key": 248, "request_key": 249, "keyctl": 250,
    "unshare": 272, "perf_event_open": 298, "fanotify_init": 300, "name_to_handle_at": 303,
    "open_by_handle_at": 304, "clock_adjtime": 305, "setns": 308, "process_vm_readv": 310,
    "process_vm_writev": 311, "finit_module": 313, "kexec_file_load": 320, "bpf": 321,
    "userfaultfd": 323, "io_uring_setup": 425, "io_uring_enter": 426, "io_uring_register": 427,
    "open_tree": 428, "move_mount": 429, "fsopen": 430, "fsconfig": 431, "fsmount": 432, "fspick": 433,
    "mount_setattr": 442, "quotactl_fd": 443,
}
# clone(2) creating any namespace (CLONE_NEWNS|NEWCGROUP|NEWUTS|NEWIPC|NEWUSER|NEWPID|NEWNET): a new
# user namespace would hand the sandbox every capability inside it.
CLONE_NS_FLAGS = 0x00020000 | 0x02000000 | 0x04000000 | 0x08000000 | 0x10000000 | 0x20000000 | 0x40000000
# personality(2) values Docker allows: PER_LINUX, PER_LINUX32, UNAME26 (and combined), and the query.
# Others (READ_IMPLIES_EXEC, ADDR_NO_RANDOMIZE) weaken exploit mitigations.
PERSONALITY_OK = (0x0, 0x8, 0x20000, 0x20008, 0xFFFFFFFF)


def program() -> bytes:
    """The filter as an array of `struct sock_filter {u16 code; u8 jt; u8 jf; u32 k;}`."""
    ops: list[tuple] = []  # (code, jt, jf, k); jt/jf are labels, resolved below
    labels: dict[str, int] = {}

    def op(code, k, jt=None, jf=None):
        ops.append((code, jt, jf, k))

    def label(name):
        labels[name] = len(ops)

    op(_LD_W_ABS, _ARCH)
    op(_JEQ, AUDIT_ARCH_X86_64, jf="kill")
    op(_LD_W_ABS, _NR)
    op(_JGE, X32_SYSCALL_BIT, jt="kill")
    op(_JEQ, CLONE, jt="clone")
    op(_JEQ, CLONE3, jt="enosys")  # its flags live in memory a filter cannot read; glibc falls back to clone
    op(_JEQ, PERSONALITY, jt="personality")
    for nr in sorted(DENIED.values()):
        op(_JEQ, nr, jt="eperm")
    op(_RET, RET_ALLOW)
    label("clone")
    op(_LD_W_ABS, _ARG0_LO)
    op(_JSET, CLONE_NS_FLAGS, jt="eperm", jf="allow")
    label("personality")
    op(_LD_W_ABS, _ARG0_LO)
    for value in PERSONALITY_OK:
        op(_JEQ, value, jt="allow")
    label("eperm")
    op(_RET, RET_ERRNO | errno.EPERM)
    label("allow")
    op(_RET, RET_ALLOW)
    label("enosys")
    op(_RET, RET_ERRNO | errno.ENOSYS)
    label("kill")
    op(_RET, RET_KILL_PROCESS)

    out = bytearray()
    for i, (code, jt, jf, k) in enumerate(ops):
        # Jumps are relative to the next instruction and only go forward (at most 255 ahead).
        jt, jf = (0 if t is None else labels[t] - i - 1 for t in (jt, jf))
        out += struct.pack("=HBBI", code, jt, jf, k)
    return bytes(out)
