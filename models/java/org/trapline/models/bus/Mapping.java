package org.trapline.models.bus;

/**
 * A region as one address space holds it: the handle through which its owner, or the board, moves
 * it, switches it off and on (a PCI BAR and its Command enable bit, a PAM segment), or takes it out.
 */
public final class Mapping {
    private final AddressSpace space;
    private final long order;
    private Region region;
    private boolean enabled;
    private boolean mapped = true;

    Mapping(AddressSpace space, Region region, long order, boolean enabled) {
        this.space = space;
        this.region = region;
        this.order = order;
        this.enabled = enabled;
    }

    public Region region() {
        return region;
    }

    long order() {
        return order;
    }

    /** Whether the region is in its space and switched on: then the bus can route to it. */
    public boolean visible() {
        return mapped && enabled;
    }

    /** Moves the region to {@code base}; an address the space cannot hold leaves it where it was. */
    public void move(long base) {
        if (base != region.base() && space.fits(base, region.length())) {
            region = region.at(base);
            space.changed();
        }
    }

    public void enable(boolean on) {
        if (on != enabled) {
            enabled = on;
            space.changed();
        }
    }

    /** Moves and switches in one change of the map, as a BAR write and its enable bit take effect together. */
    public void place(long base, boolean on) {
        boolean moved = base != region.base() && space.fits(base, region.length());
        if (moved) {
            region = region.at(base);
        }
        if (moved || on != enabled) {
            enabled = on;
            space.changed();
        }
    }

    public void unmap() {
        if (mapped) {
            mapped = false;
            space.remove(this);
        }
    }
}
