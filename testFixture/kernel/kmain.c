/*
 * Test kernel for mirage-lsp's run tests: writes to COM1 what a unikernel would print
 * (a greeting and its command line), then reports its status through QEMU's isa-debug-exit
 * device at Solo5's port 0x501, so QEMU exits with (status << 1) | 1.
 * Built with -DNEVER_EXIT it stays halted after printing, to test stopping a run.
 */
#define COM1 0x3f8
#define DEBUG_EXIT 0x501
#define MULTIBOOT_BOOTLOADER_MAGIC 0x2BADB002
#define MULTIBOOT_INFO_CMDLINE 0x4

#ifndef EXIT_STATUS
#define EXIT_STATUS 0x10 /* QEMU exits with 33: the tests' "success" */
#endif

struct multiboot_info {
    unsigned int flags;
    unsigned int mem_lower, mem_upper, boot_device;
    unsigned int cmdline;
};

static inline void outb(unsigned short port, unsigned char v)
{
    __asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline void outw(unsigned short port, unsigned short v)
{
    __asm__ volatile("outw %0, %1" : : "a"(v), "Nd"(port));
}

static inline unsigned char inb(unsigned short port)
{
    unsigned char v;
    __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
    return v;
}

static void putc(char c)
{
    while ((inb(COM1 + 5) & 0x20) == 0) /* wait for an empty transmit register */
        ;
    outb(COM1, (unsigned char)c);
}

static void puts(const char *s)
{
    for (; *s; s++) {
        if (*s == '\n')
            putc('\r');
        putc(*s);
    }
}

void kmain(unsigned int magic, const struct multiboot_info *info)
{
    puts("hello from the mirage-lsp test kernel\n");
    if (magic == MULTIBOOT_BOOTLOADER_MAGIC && (info->flags & MULTIBOOT_INFO_CMDLINE)) {
        /* QEMU passes "KERNEL ARGS"; like Solo5, skip the first word. */
        const char *cmdline = (const char *)info->cmdline;
        while (*cmdline && *cmdline != ' ')
            cmdline++;
        if (*cmdline == ' ')
            cmdline++;
        puts("args: ");
        puts(cmdline);
        puts("\n");
    }
#ifdef NEVER_EXIT
    puts("running until stopped\n");
    for (;;)
        __asm__ volatile("cli; hlt");
#else
    outw(DEBUG_EXIT, EXIT_STATUS);
#endif
}
