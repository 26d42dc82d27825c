package kernellab.core.task;

import kernellab.api.Syscalls;

/**
 * The lecture's heap programs, kept in a file of their own because the sanitizer reports that
 * {@link UserMemoryTest} expects name their line numbers.
 */
final class HeapPrograms {

    private HeapPrograms() {
    }

    static void doubleFree(Syscalls sys) {
        long p = sys.malloc(10);
        sys.free(p);
        sys.free(p);
    }

    static void overflow(Syscalls sys) {
        long buf = sys.malloc(10);
        long text = sys.malloc(32);
        sys.writeString(text, "Hello, World!");
        sys.strcpy(buf, text);
    }

    static void useAfterFree(Syscalls sys) {
        long p = sys.malloc(10);
        sys.free(p);
        sys.readByte(p + 2);
    }

    static void leaks(Syscalls sys) {
        long list = sys.malloc(100);
        long node = sys.malloc(24);
        sys.writeLong(list, node);
        sys.free(sys.malloc(50));
    }

    static void addresses(Syscalls sys) {
        long heap = sys.malloc(16);
        long local = sys.alloca(16);
        sys.printf("code  %p\ndata  %p\nheap  %p\nstack %p\n", sys.addressOf("main"), sys.addressOf("edata"), heap, local);
        sys.free(heap);
    }

    static void printFreedString(Syscalls sys) {
        long name = sys.malloc(16);
        sys.writeString(name, "Ada");
        sys.free(name);
        sys.printf("hello %s\n", name);
    }
}
