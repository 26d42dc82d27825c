package kernellab.ui.memory.internal;

import org.eclipse.osgi.util.NLS;

/** The strings of kernellab.ui.memory a user sees; the texts are in messages.properties. */
public final class Messages extends NLS {

    public static String BuddyView_copyBuddyinfo;
    public static String BuddyView_copyCsv;
    public static String BuddyView_frameMap;
    public static String BuddyView_kernel;
    public static String BuddyView_free;
    public static String BuddyView_order;
    public static String BuddyView_slab;
    public static String BuddyView_subject;
    public static String BuddyView_zone;
    public static String SlabinfoView_copyCsv;
    public static String SlabinfoView_copySlabinfo;
    public static String SlabinfoView_filter;
    public static String SlabinfoView_slab;
    public static String SlabinfoView_slabs;
    public static String SlabinfoView_subject;

    static {
        NLS.initializeMessages("kernellab.ui.memory.internal.messages", Messages.class);
    }

    private Messages() {
    }
}
