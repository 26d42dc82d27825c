package kernellab.core.mm;

import static kernellab.core.mm.VmFlags.VM_DONTDUMP;
import static kernellab.core.mm.VmFlags.VM_DONTEXPAND;
import static kernellab.core.mm.VmFlags.VM_EXEC;
import static kernellab.core.mm.VmFlags.VM_IO;
import static kernellab.core.mm.VmFlags.VM_MAYEXEC;
import static kernellab.core.mm.VmFlags.VM_MAYREAD;
import static kernellab.core.mm.VmFlags.VM_MAYWRITE;
import static kernellab.core.mm.VmFlags.VM_PFNMAP;
import static kernellab.core.mm.VmFlags.VM_READ;
import static kernellab.core.mm.VmFlags.VM_SOFTDIRTY;

import java.util.List;

/**
 * The special mappings exec gives every x86_64 process on Linux 6.13 and later ({@code map_vdso}
 * in {@code arch/x86/entry/vdso/vma.c}, {@code vdso_install_vvar_mapping} in
 * {@code lib/vdso/datastore.c}): one area of {@code image->size + __VDSO_PAGES * PAGE_SIZE} found
 * top-down below ld.so, holding from low to high
 * <ul>
 * <li>{@code [vvar]}, {@code VDSO_NR_PAGES} = 4 pages: the time data, the time-namespace page,
 * the getrandom state and the architecture data page (x86 has none, the page stays);</li>
 * <li>{@code [vvar_vclock]}, {@code VDSO_NR_VCLOCK_PAGES} = 2 pages: the KVM pvclock and the
 * Hyper-V TSC page;</li>
 * <li>{@code [vdso]}, the 64-bit vDSO image, 2 pages.</li>
 * </ul>
 * The data mappings are raw frames ({@code VM_PFNMAP | VM_IO}, left out of core dumps); the vDSO
 * is code the process may make writable (for a debugger's breakpoints). {@code
 * _install_special_mapping} adds {@code VM_DONTEXPAND | VM_SOFTDIRTY} to each. Kernels up to 6.12
 * had no [vvar_vclock]: their [vvar] held those pages.
 */
final class Vdso {

    /** One special mapping: its name, first page in the area, length in pages and vm_flags. */
    record Mapping(String name, int firstPage, int pages, long flags) {
    }

    private static final long SPECIAL = VM_DONTEXPAND | VM_SOFTDIRTY;
    private static final long DATA = VM_READ | VM_MAYREAD | VM_IO | VM_DONTDUMP | VM_PFNMAP | SPECIAL;

    /** The mappings in the order {@code map_vdso} installs them: the image first, then its data pages. */
    static final List<Mapping> MAPPINGS = List.of(
            new Mapping("[vdso]", 6, 2, VM_READ | VM_EXEC | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC | SPECIAL),
            new Mapping("[vvar]", 0, 4, DATA), new Mapping("[vvar_vclock]", 4, 2, DATA));

    /** Pages of the whole area. */
    static final int AREA_PAGES = 8;

    private Vdso() {
    }

    /**
     * @param name a special mapping's name
     * @return its length in pages, 0 for an unknown name
     */
    static int pages(String name) {
        for (Mapping m : MAPPINGS) {
            if (m.name.equals(name)) {
                return m.pages;
            }
        }
        return 0;
    }

    /**
     * @param name a special mapping's name
     * @return whether its pages are raw frames without a struct page ({@code VM_PFNMAP})
     */
    static boolean rawFrames(String name) {
        for (Mapping m : MAPPINGS) {
            if (m.name.equals(name)) {
                return (m.flags & VM_PFNMAP) != 0;
            }
        }
        return false;
    }
}
