package kernellab.core.mm;

import static kernellab.api.LogLevel.KERN_ALERT;
import static kernellab.api.LogLevel.KERN_ERR;
import static kernellab.api.LogLevel.KERN_WARNING;

import kernellab.api.Gfp;
import kernellab.core.printk.KernelLog;
import kernellab.core.printk.Taint;
import kernellab.core.trace.TraceContext;

/**
 * Writes the memory allocators' error reports to the kernel log in the kernel's own words:
 * {@code bad_page()} of mm/page_alloc.c, {@code slab_err()}/{@code object_err()} of mm/slub.c
 * (as with {@code slub_debug=F}, consistency checks always on), {@code warn_alloc()} and
 * {@code WARN()} lines. Every report taints the kernel like the original does, so that later
 * headers say {@code Tainted: G    B …}.
 */
public final class MmReports {

    private static final String SLUB_RULE = "=".repeat(77);
    private static final String SLUB_DASHES = "-".repeat(77);

    private final KernelLog log;
    private final Taint taint;
    private TraceContext current;

    MmReports(KernelLog log, Taint taint, TraceContext current) {
        this.log = log;
        this.taint = taint;
        this.current = current;
    }

    void setCurrent(TraceContext current) {
        this.current = current;
    }

    /** @return the context that names the current task in reports */
    TraceContext current() {
        return current;
    }

    /** @return the kernel log the reports go to */
    public KernelLog log() {
        return log;
    }

    /** @return the kernel's taint state */
    public Taint taint() {
        return taint;
    }

    private String comm() {
        return current.currentComm(current.currentCpu());
    }

    /**
     * {@code bad_page()}: a page found in a state that forbids the operation.
     *
     * @param page the page
     * @param reason the "page dumped because" text
     */
    void badPage(Page page, String reason) {
        log.printk(KERN_ALERT, String.format("BUG: Bad page state in process %s  pfn:%05x", comm(), page.pfn));
        Page head = page.allocHead != null ? page.allocHead : page;
        log.printk(KERN_WARNING, String.format("page:%016x refcount:%d mapcount:%d mapping:%016x index:%#x pfn:%#x",
                page.structPageAddress(), page.refcount, page.mapcount, page.mappingAddress(), page.index, page.pfn));
        if (head != page) {
            log.printk(KERN_WARNING, String.format("head:%016x order:%d", head.structPageAddress(), head.order));
        }
        log.printk(KERN_WARNING, "flags: " + page.describeFlags());
        log.printk(KERN_ALERT, "page dumped because: " + reason);
        taint.add(Taint.BAD_PAGE);
    }

    /**
     * {@code slab_bug()} header plus {@code print_slab_info()}; followed by the object lines and
     * the {@code FIX} line given.
     *
     * @param cache the cache
     * @param slab the slab concerned, or {@code null}
     * @param reason the text after the cache name
     * @param objectLines lines describing the object(s), may be empty
     * @param fix the text of the {@code FIX <cache>:} line, or {@code null}
     */
    void slabBug(KmemCache cache, Slab slab, String reason, String objectLines, String fix) {
        StringBuilder sb = new StringBuilder();
        sb.append(SLUB_RULE).append('\n');
        sb.append("BUG ").append(cache.name()).append(" (").append(taint).append("): ").append(reason).append('\n');
        sb.append(SLUB_DASHES).append('\n').append('\n');
        if (slab != null) {
            sb.append(String.format("Slab 0x%016x objects=%d used=%d fp=0x%016x flags=%s\n", slab.firstPage.structPageAddress(),
                    cache.objectsPerSlab(), slab.inuse, slab.freelistHead(), slab.firstPage.describeFlags()));
        }
        if (!objectLines.isEmpty()) {
            sb.append(objectLines);
        }
        if (fix != null) {
            sb.append("FIX ").append(cache.name()).append(": ").append(fix).append('\n');
        }
        sb.setLength(sb.length() - 1);
        log.printk(KERN_ERR, sb.toString());
        taint.add(Taint.BAD_PAGE);
    }

    /**
     * {@code print_hex_dump(…, DUMP_PREFIX_ADDRESS, 16, 1, …, true)}: 16 bytes a line, each line
     * {@code <prefix><address>: <hex bytes>  <ascii>}.
     *
     * @param prefix text before the address, e.g. {@code "Object   "}
     * @param address address of {@code bytes[0]}
     * @param bytes the bytes
     * @return the lines, each ending with a newline
     */
    static String hexDump(String prefix, long address, byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < bytes.length; i += 16) {
            int n = Math.min(16, bytes.length - i);
            StringBuilder hex = new StringBuilder();
            StringBuilder ascii = new StringBuilder();
            for (int j = 0; j < n; j++) {
                int b = bytes[i + j] & 0xff;
                if (j > 0) {
                    hex.append(' ');
                }
                hex.append(String.format("%02x", b));
                ascii.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
            }
            sb.append(String.format("%s%016x: %-49s%s\n", prefix, address + i, hex, ascii));
        }
        return sb.toString();
    }

    /**
     * A {@code WARN()}: the "WARNING: CPU: … at file function" line followed by the message.
     *
     * @param where source file and function, e.g. {@code mm/slab_common.c:kmem_cache_destroy}
     * @param message the warning text
     */
    void warn(String where, String message) {
        int cpu = current.currentCpu();
        int colon = where.indexOf(':');
        log.printk(KERN_WARNING, String.format("WARNING: CPU: %d PID: %d at %s %s", cpu, current.currentPid(cpu),
                where.substring(0, colon), where.substring(colon + 1)));
        log.printk(KERN_WARNING, message);
        taint.add(Taint.WARN);
    }

    /**
     * {@code warn_alloc()}: the first line of a page allocation failure report.
     *
     * @param order the order asked for
     * @param gfp the flags
     */
    void allocFailure(int order, int gfp) {
        log.printk(KERN_WARNING, String.format("%s: page allocation failure: order:%d, mode:%#x(%s), nodemask=(null)", comm(),
                order, gfp, Gfp.describe(gfp)));
    }

    /**
     * A plain warning ({@code pr_warn}), possibly several lines.
     *
     * @param message the text
     */
    void warning(String message) {
        log.printk(KERN_WARNING, message);
    }

    /**
     * An oops line ({@code pr_alert}) that ends the current kernel-module call.
     *
     * @param message the text
     */
    void oops(String message) {
        log.printk(KERN_ALERT, message);
        taint.add(Taint.DIE);
    }
}
