package kernellab.core.mm;

import static kernellab.api.Gfp.GFP_KERNEL;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import kernellab.core.printk.KernelLog;
import kernellab.core.trace.TraceContext;
import kernellab.core.trace.TraceEvent;
import kernellab.core.trace.Tracer;

/** The kmem tracepoints' fields and their ftrace lines; a listener can stop the engine on them. */
class MmTracepointsTest {

    private final List<TraceEvent> stops = new ArrayList<>();
    private final TraceContext insmodOnCpu1 = new TraceContext() {
        @Override
        public long now() {
            return 1_500_000_000L;
        }

        @Override
        public int currentCpu() {
            return 1;
        }

        @Override
        public String currentComm(int cpu) {
            return "insmod";
        }

        @Override
        public int currentPid(int cpu) {
            return 42;
        }

        @Override
        public void requestStop(TraceEvent event) {
            stops.add(event);
        }
    };

    @Test
    void allocationsAndFreesEmitKmemEvents() {
        PhysicalMemory mem = new PhysicalMemory(64L << 20, 4, new KernelLog());
        Tracer tracer = new Tracer(insmodOnCpu1);
        mem.attach(tracer, insmodOnCpu1);
        List<String> lines = new ArrayList<>();
        tracer.addListener(e -> {
            lines.add(e.toString());
            return e.name().equals("kfree");
        });
        mem.setCallSite("hello_init [hello]");
        long p = mem.slab().kmalloc(100, GFP_KERNEL);
        KmemCache c = mem.slab().createCache("hello_cache", 48, 0, 0, null);
        long o = mem.slab().cacheAlloc(c, GFP_KERNEL);
        mem.slab().cacheFree(c, o);
        mem.slab().kfree(p);
        Page page = mem.allocPages(GFP_KERNEL, 1);
        mem.freePages(page, 1);
        assertEquals(List.of(
                "          insmod-42      [001]     1.500000: mm_page_alloc: page=ffffea00000400c0 pfn=0x1003 order=0 migratetype=0 gfp_flags=GFP_KERNEL|__GFP_COMP",
                "          insmod-42      [001]     1.500000: kmalloc: call_site=hello_init [hello] ptr=ffff888001003000 bytes_req=100 bytes_alloc=128 gfp_flags=GFP_KERNEL node=-1 accounted=false",
                "          insmod-42      [001]     1.500000: mm_page_alloc: page=ffffea0000040180 pfn=0x1006 order=0 migratetype=0 gfp_flags=GFP_KERNEL|__GFP_COMP",
                "          insmod-42      [001]     1.500000: kmem_cache_alloc: call_site=hello_init [hello] ptr=ffff888001006000 bytes_req=48 bytes_alloc=48 gfp_flags=GFP_KERNEL node=-1 accounted=false",
                "          insmod-42      [001]     1.500000: kmem_cache_free: call_site=hello_init [hello] ptr=ffff888001006000 name=hello_cache",
                "          insmod-42      [001]     1.500000: kfree: call_site=hello_init [hello] ptr=ffff888001003000",
                "          insmod-42      [001]     1.500000: mm_page_alloc: page=ffffea0000040200 pfn=0x1008 order=1 migratetype=0 gfp_flags=GFP_KERNEL",
                "          insmod-42      [001]     1.500000: mm_page_free: page=ffffea0000040200 pfn=0x1008 order=1"), lines);
        assertEquals(1, stops.size());
        assertEquals("kfree", stops.get(0).name());
    }

    @Test
    void withoutListenersNothingIsBuilt() {
        PhysicalMemory mem = new PhysicalMemory(64L << 20, 4, new KernelLog());
        Tracer tracer = new Tracer(insmodOnCpu1);
        mem.attach(tracer, insmodOnCpu1);
        mem.slab().kfree(mem.slab().kmalloc(8, GFP_KERNEL));
        assertEquals(0, tracer.sequence());
    }
}
