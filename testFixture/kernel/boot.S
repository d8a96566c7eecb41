/*
 * Multiboot (v1) entry of the test kernel: QEMU's -kernel loads it in 32-bit protected
 * mode, as it loads a Solo5 virtio unikernel. Sets up a stack and calls kmain(magic, info).
 */
#define MULTIBOOT_MAGIC 0x1BADB002
#define MULTIBOOT_FLAGS 0x00000003 /* page-aligned modules, memory info */

        .section .multiboot, "a"
        .align 4
        .long MULTIBOOT_MAGIC
        .long MULTIBOOT_FLAGS
        .long -(MULTIBOOT_MAGIC + MULTIBOOT_FLAGS)

        .section .bss
        .align 16
stack_bottom:
        .skip 8192
stack_top:

        .section .text
        .code32
        .globl _start
_start:
        cli
        movl $stack_top, %esp
        pushl %ebx              /* multiboot information */
        pushl %eax              /* bootloader magic */
        call kmain
halt:   hlt
        jmp halt

        .section .note.GNU-stack, "", @progbits
