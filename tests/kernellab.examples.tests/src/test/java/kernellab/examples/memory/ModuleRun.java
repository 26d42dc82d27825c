package kernellab.examples.memory;

import java.util.List;

import kernellab.api.KernelModule;
import kernellab.examples.Machine;

/**
 * A kernel-module example loaded and unloaded on the lab machine, with what a student would
 * look at before, during and after: /proc/buddyinfo, /proc/slabinfo and the kernel log.
 *
 * @param buddyBefore buddyinfo before insmod
 * @param buddyLoaded buddyinfo once insmod has exited
 * @param buddyAfter buddyinfo once rmmod has exited
 * @param slabinfoLoaded slabinfo once insmod has exited
 * @param slabinfoAfter slabinfo once rmmod has exited
 * @param dmesg the kernel log after rmmod
 */
record ModuleRun(String buddyBefore, String buddyLoaded, String buddyAfter, String slabinfoLoaded, String slabinfoAfter,
        List<String> dmesg) {

    static ModuleRun of(KernelModule module) {
        try (Machine m = Machine.lab()) {
            String buddyBefore = m.read("/proc/buddyinfo");
            m.insmod("example", module);
            String buddyLoaded = m.read("/proc/buddyinfo");
            String slabinfoLoaded = m.read("/proc/slabinfo");
            m.rmmod("example");
            return new ModuleRun(buddyBefore, buddyLoaded, m.read("/proc/buddyinfo"), slabinfoLoaded,
                    m.read("/proc/slabinfo"), m.dmesg());
        }
    }

    /** What loading and unloading a module that does nothing does to memory: the tasks' own objects. */
    static ModuleRun noop() {
        return of(k -> 0);
    }

    /**
     * @param buddyinfo a /proc/buddyinfo
     * @param zone {@code DMA}, {@code DMA32} or {@code Normal}
     * @return the zone's free pages: the sum of nr_free × 2^order
     */
    static long freePages(String buddyinfo, String zone) {
        for (String line : buddyinfo.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f[3].equals(zone)) {
                long pages = 0;
                for (int order = 0; order < f.length - 4; order++) {
                    pages += Long.parseLong(f[4 + order]) << order;
                }
                return pages;
            }
        }
        throw new IllegalArgumentException("no zone " + zone + " in " + buddyinfo);
    }

    /**
     * @param slabinfo a /proc/slabinfo
     * @param cache a cache name
     * @return its line, or {@code null} if the cache does not exist
     */
    static String slabLine(String slabinfo, String cache) {
        for (String line : slabinfo.split("\n")) {
            if (line.startsWith(cache + " ")) {
                return line;
            }
        }
        return null;
    }
}
