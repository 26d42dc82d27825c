package kernellab.runner.protocol;

import java.util.List;

/**
 * The task list.
 *
 * @param timeNs simulated time of the snapshot
 * @param tasks live and zombie tasks in pid order
 */
public record TasksSnapshot(long timeNs, List<TaskInfo> tasks) {
}
