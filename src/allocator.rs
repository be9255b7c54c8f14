//! The global allocator: mimalloc for small blocks, the system allocator for large ones.
//!
//! Extraction makes many small, short-lived allocations (tokens, folded words, mentions);
//! mimalloc's thread-local free lists serve them at a fraction of glibc's cost. Large blocks
//! are another matter: egui grows its meshes to megabytes every frame and frees them, and
//! mimalloc gives such blocks fresh pages of its arena each time, which the kernel must fault
//! in and zero (a quarter of the UI thread's time while a big folder loads, on a VM where a
//! fresh page costs microseconds). glibc's malloc keeps reusing the same heap for them. This
//! is the only unsafe code of the crate: a dispatch on the block size, which is part of the
//! layout both `alloc` and `dealloc` receive, so each block always returns to the allocator
//! it came from.

use std::alloc::{GlobalAlloc, Layout, System};

/// Blocks of this size and more go to the system allocator.
pub const LARGE: usize = 256 * 1024;

/// mimalloc below [`LARGE`] bytes, the system allocator from it on.
pub struct SplitAllocator;

fn large(size: usize) -> bool {
    size >= LARGE
}

/// Alignments every mimalloc block has: its size classes are multiples of 8 bytes. Such
/// blocks skip `mi_malloc_aligned`'s alignment handling (the `mimalloc` crate calls it for
/// every block): 0.9 % fewer instructions in extraction (callgrind).
fn plain(layout: &Layout) -> bool {
    layout.align() <= 8
}

/// Before the first large block: glibc's malloc by default maps each block over 128 KiB
/// afresh and unmaps it when freed, and trims its heap, so a mesh freed and made again every
/// frame would be faulted in every frame. Blocks up to 8 MiB (meshes) come from the heap
/// instead, and up to 64 MiB of free heap is kept; larger ones (the corpus's tables) are
/// still mapped and given back when freed, which keeps the resident memory down.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn keep_large_blocks() {
    unsafe extern "C" {
        fn mallopt(param: i32, value: i32) -> i32;
    }
    const M_TRIM_THRESHOLD: i32 = -1;
    const M_MMAP_THRESHOLD: i32 = -3;
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // SAFETY: mallopt only sets allocator parameters; both values are in range.
        unsafe {
            mallopt(M_MMAP_THRESHOLD, 8 << 20);
            mallopt(M_TRIM_THRESHOLD, 64 << 20);
        }
    });
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn keep_large_blocks() {}

// SAFETY: every method forwards to one of two sound allocators, chosen by the block size;
// Rust passes a block's current size back to `dealloc` and `realloc`, so a block is always
// freed or resized by the allocator that made it, and a resize that crosses the threshold
// moves the block (allocate, copy, free) instead.
unsafe impl GlobalAlloc for SplitAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded with the caller's guarantees.
        unsafe {
            if large(layout.size()) {
                keep_large_blocks();
                System.alloc(layout)
            } else if plain(&layout) {
                libmimalloc_sys::mi_malloc(layout.size()).cast()
            } else {
                mimalloc::MiMalloc.alloc(layout)
            }
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded with the caller's guarantees.
        unsafe {
            if large(layout.size()) {
                keep_large_blocks();
                System.alloc_zeroed(layout)
            } else if plain(&layout) {
                libmimalloc_sys::mi_zalloc(layout.size()).cast()
            } else {
                mimalloc::MiMalloc.alloc_zeroed(layout)
            }
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from the allocator its size picks (see above).
        unsafe {
            if large(layout.size()) {
                System.dealloc(ptr, layout)
            } else {
                mimalloc::MiMalloc.dealloc(ptr, layout)
            }
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: same-side resizes are forwarded; a crossing allocates the new block on the
        // other side with the same alignment, copies what both sizes hold, and frees the old
        // block where it came from.
        unsafe {
            match (large(layout.size()), large(new_size)) {
                (false, false) if plain(&layout) => {
                    libmimalloc_sys::mi_realloc(ptr.cast(), new_size).cast()
                }
                (false, false) => mimalloc::MiMalloc.realloc(ptr, layout, new_size),
                (true, true) => System.realloc(ptr, layout, new_size),
                _ => {
                    let new_layout = Layout::from_size_align_unchecked(new_size, layout.align());
                    let new = self.alloc(new_layout);
                    if !new.is_null() {
                        std::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
                        self.dealloc(ptr, layout);
                    }
                    new
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::LARGE;

    #[test]
    fn blocks_keep_their_bytes_when_resized_across_the_threshold() {
        // Small -> large -> small again, through Vec growth and shrinking (the global
        // allocator of the test binary is the split one).
        let mut v: Vec<u8> = (0..1000u32).map(|i| (i % 251) as u8).collect();
        v.reserve_exact(LARGE * 2);
        assert!(v.capacity() >= LARGE * 2);
        v.extend((0..LARGE as u32).map(|i| (i % 241) as u8));
        assert!((0..1000).all(|i| v[i] == (i % 251) as u8));
        assert!((0..LARGE).all(|i| v[1000 + i] == (i % 241) as u8));
        v.truncate(500);
        v.shrink_to_fit();
        assert!(v.capacity() < LARGE);
        assert!((0..500).all(|i| v[i] == (i % 251) as u8));
        // Zeroed large blocks are zero.
        let z = vec![0u64; LARGE];
        assert!(z.iter().all(|&x| x == 0));
    }
}
