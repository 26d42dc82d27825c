package kernellab.ui.tests;

import java.io.File;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/** Saves what a shell shows as a PNG under target/screenshots, for the README and for failed steps. */
final class Screenshots {

    private Screenshots() {
    }

    /** @return the file written */
    static File save(Shell shell, String name) {
        Display display = shell.getDisplay();
        while (display.readAndDispatch()) {
            // paint everything first
        }
        Rectangle bounds = shell.getBounds();
        Image image = new Image(display, bounds.width, bounds.height);
        GC gc = new GC(display);
        try {
            gc.copyArea(image, bounds.x, bounds.y);
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] {image.getImageData()};
            File dir = new File("target/screenshots");
            dir.mkdirs();
            File file = new File(dir, name + ".png");
            loader.save(file.getAbsolutePath(), SWT.IMAGE_PNG);
            return file;
        } finally {
            gc.dispose();
            image.dispose();
        }
    }
}
