package kernellab.ui.memory.internal;

import org.eclipse.osgi.util.NLS;

/** The strings of kernellab.ui.memory a user sees; the texts are in messages.properties. */
public final class Messages extends NLS {

    public static String BuddyView_copyBuddyinfo;
    public static String BuddyView_copyCsv;
    public static String BuddyView_frameMap;
    public static String BuddyView_order;
    public static String BuddyView_subject;
    public static String BuddyView_zone;
    public static String ProcessMapsView_address;
    public static String ProcessMapsView_addressHint;
    public static String ProcessMapsView_anonymous;
    public static String ProcessMapsView_badAddress;
    public static String ProcessMapsView_chooseButton;
    public static String ProcessMapsView_chooseProcess;
    public static String ProcessMapsView_copyCsv;
    public static String ProcessMapsView_copyMaps;
    public static String ProcessMapsView_copyPmap;
    public static String ProcessMapsView_entry;
    public static String ProcessMapsView_gap;
    public static String ProcessMapsView_index;
    public static String ProcessMapsView_level;
    public static String ProcessMapsView_noMaps;
    public static String ProcessMapsView_noProcess;
    public static String ProcessMapsView_noVma;
    public static String ProcessMapsView_notPresent;
    public static String ProcessMapsView_present;
    public static String ProcessMapsView_presentColumn;
    public static String ProcessMapsView_process;
    public static String ProcessMapsView_subject;
    public static String ProcessMapsView_summary;
    public static String ProcessMapsView_walk;
    public static String ProcessMapsView_walkResult;
    public static String ProcessSelectionDialog_details;
    public static String ProcessSelectionDialog_failed;
    public static String ProcessSelectionDialog_message;
    public static String ProcessSelectionDialog_searching;
    public static String ProcessSelectionDialog_title;
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
