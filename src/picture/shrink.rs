//! Box-filter shrinking of pictures whose pixels arrive a row at a time
//! (or, for interlaced PNGs, scattered over seven passes), so the full-size
//! picture is never held: each output pixel is the mean of the source
//! pixels that fall in it.

/// Which output column (or row) each source column (or row) falls in, and
/// how many source columns each output column takes.
fn spans(source: u32, target: u32) -> (Vec<u32>, Vec<u32>) {
    let mut map = Vec::with_capacity(source as usize);
    let mut count = vec![0u32; target as usize];
    for i in 0..source as u64 {
        let t = (i * target as u64 / source as u64) as u32;
        map.push(t);
        count[t as usize] += 1;
    }
    (map, count)
}

/// Shrinks rows given top to bottom: the rows of one output row are summed
/// column by column (a plain run of additions, fast), and the columns are
/// summed into output pixels once per output row.
pub struct Rows {
    ch: usize,
    source_height: u32,
    target: (u32, u32),
    /// The source columns of each output column, as a range.
    columns: Vec<std::ops::Range<usize>>,
    /// Sums of the source rows taken for the current output row, sample by
    /// sample: u32 holds 30,000 rows of 255.
    acc: Vec<u32>,
    /// Source rows taken so far, and how many of them are in `acc`.
    y: u32,
    rows_in_acc: u32,
    out: Vec<u8>,
}

impl Rows {
    /// From `sw` × `sh` to `tw` × `th` (each no larger) with `ch` samples a pixel.
    pub fn new(sw: u32, sh: u32, tw: u32, th: u32, ch: usize) -> Self {
        debug_assert!(tw <= sw && th <= sh && tw > 0 && th > 0 && sh <= super::MAX_SIDE);
        debug_assert!((1..=4).contains(&ch));
        let (_, xcount) = spans(sw, tw);
        let mut start = 0;
        let columns = xcount
            .iter()
            .map(|&n| {
                let r = start..start + n as usize;
                start = r.end;
                r
            })
            .collect();
        Rows {
            ch,
            source_height: sh,
            target: (tw, th),
            columns,
            acc: vec![0; sw as usize * ch],
            y: 0,
            rows_in_acc: 0,
            out: Vec::with_capacity(tw as usize * th as usize * ch),
        }
    }

    fn output_row(&self, y: u32) -> u64 {
        y as u64 * self.target.1 as u64 / self.source_height as u64
    }

    /// Takes the next source row (`sw * ch` samples; extra rows are ignored).
    pub fn push(&mut self, row: &[u8]) {
        if self.y >= self.source_height {
            return;
        }
        // An index loop: a test build (unoptimised) runs it three times as
        // fast as a zip of iterators, and an optimised one vectorises both.
        let n = self.acc.len().min(row.len());
        let (acc, row) = (&mut self.acc[..n], &row[..n]);
        let mut i = 0;
        while i < n {
            acc[i] += row[i] as u32;
            i += 1;
        }
        self.rows_in_acc += 1;
        let this = self.output_row(self.y);
        self.y += 1;
        if self.y == self.source_height || self.output_row(self.y) != this {
            self.flush();
        }
    }

    fn flush(&mut self) {
        let ch = self.ch;
        let rows = self.rows_in_acc as u64;
        let mut sum = [0u64; 4];
        for cols in &self.columns {
            let n = cols.len() as u64 * rows;
            sum[..ch].fill(0);
            let mut i = cols.start * ch;
            while i < cols.end * ch {
                sum[i % ch] += self.acc[i] as u64;
                i += 1;
            }
            self.out
                .extend(sum[..ch].iter().map(|&s| ((s + n / 2) / n) as u8));
        }
        self.acc.fill(0);
        self.rows_in_acc = 0;
    }

    /// The shrunk picture; rows never given are left black (a decoder
    /// reports a short picture as an error before this).
    pub fn finish(mut self) -> Vec<u8> {
        let len = self.target.0 as usize * self.target.1 as usize * self.ch;
        self.out.resize(len, 0);
        self.out
    }
}

/// Shrinks pixels that arrive anywhere in the picture: sums for every output
/// pixel, so it costs four bytes a sample of the output. The sums are u32,
/// so no output pixel may take more than [`Grid::MAX_SPAN`] source pixels a side.
pub struct Grid {
    ch: usize,
    tw: usize,
    xmap: Vec<u32>,
    xcount: Vec<u32>,
    ymap: Vec<u32>,
    ycount: Vec<u32>,
    sums: Vec<u32>,
}

impl Grid {
    /// 4096² × 255 still fits in a u32.
    pub const MAX_SPAN: u32 = 4096;

    pub fn new(sw: u32, sh: u32, tw: u32, th: u32, ch: usize) -> Self {
        debug_assert!(tw <= sw && th <= sh && tw > 0 && th > 0);
        debug_assert!(sw.div_ceil(tw) <= Self::MAX_SPAN && sh.div_ceil(th) <= Self::MAX_SPAN);
        let (xmap, xcount) = spans(sw, tw);
        let (ymap, ycount) = spans(sh, th);
        Grid {
            ch,
            tw: tw as usize,
            xmap,
            xcount,
            ymap,
            ycount,
            sums: vec![0; tw as usize * th as usize * ch],
        }
    }

    /// The bytes a grid of this size takes.
    pub fn cost(tw: u32, th: u32, ch: usize) -> u64 {
        tw as u64 * th as u64 * ch as u64 * 4
    }

    /// Takes the pixels of source row `y` at columns `x0`, `x0 + step`, …
    pub fn push(&mut self, y: u32, x0: u32, step: u32, pixels: &[u8]) {
        let Some(&ty) = self.ymap.get(y as usize) else {
            return;
        };
        let base = ty as usize * self.tw;
        let ch = self.ch;
        let columns = (x0 as usize..self.xmap.len()).step_by(step.max(1) as usize);
        for (px, x) in pixels.chunks_exact(ch).zip(columns) {
            let at = (base + self.xmap[x] as usize) * ch;
            for (s, &v) in self.sums[at..at + ch].iter_mut().zip(px) {
                *s += v as u32;
            }
        }
    }

    pub fn finish(self) -> Vec<u8> {
        let (ch, tw) = (self.ch, self.tw);
        self.sums
            .chunks_exact(tw * ch)
            .zip(&self.ycount)
            .flat_map(|(row, &rows)| {
                row.chunks_exact(ch)
                    .zip(&self.xcount)
                    .flat_map(move |(sum, &cols)| {
                        let n = cols * rows;
                        sum.iter().map(move |&s| ((s + n / 2) / n) as u8)
                    })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_box_is_the_mean_of_the_pixels_in_it() {
        // 3 × 2 grey to 2 × 1: columns {0, 1} and {2}.
        let mut r = Rows::new(3, 2, 2, 1, 1);
        r.push(&[0, 100, 50]);
        r.push(&[200, 100, 150]);
        assert_eq!(r.finish(), [100, 100]);

        let mut g = Grid::new(3, 2, 2, 1, 1);
        g.push(1, 0, 1, &[200, 100, 150]);
        g.push(0, 0, 2, &[0, 50]);
        g.push(0, 1, 2, &[100]);
        assert_eq!(g.finish(), [100, 100]);
    }

    #[test]
    fn the_same_size_is_a_copy_and_channels_stay_apart() {
        let rgb = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
        let mut r = Rows::new(2, 2, 2, 2, 3);
        for row in rgb.chunks(6) {
            r.push(row);
        }
        assert_eq!(r.finish(), rgb);
        let mut r = Rows::new(2, 2, 1, 1, 3);
        for row in rgb.chunks(6) {
            r.push(row);
        }
        assert_eq!(r.finish(), [6, 7, 8]);
    }
}
