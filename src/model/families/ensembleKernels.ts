/**
 * The ensemble family's kernel: per point, the k-th largest of several members' values (a vote: the value at
 * least k members reach). Go twin: pkg/engine/ensemblekernels.go, same operation order.
 */

/**
 * `columns` holds `members` arrays of out.length values, member after member. For each point, out gets the
 * k-th largest of the members' finite values there (k counted from 1, capped at how many are finite), NaN when
 * none is. NaN values are skipped; ±Infinity count as values.
 */
export function kthLargest(columns: Float64Array, members: number, k: number, out: Float64Array): void {
  const n = out.length;
  if (columns.length < members * n || !(members >= 1) || !(k >= 1)) {
    throw new Error(`kthLargest: ${columns.length} values for ${members} members of ${n} points, k ${k}`);
  }
  const picked = new Float64Array(members);
  for (let i = 0; i < n; i++) {
    let finite = 0;
    for (let j = 0; j < members; j++) {
      const v = columns[j * n + i];
      if (v === v) {
        // Insertion into the descending list of the values so far.
        let at = finite++;
        while (at > 0 && picked[at - 1] < v) {
          picked[at] = picked[at - 1];
          at--;
        }
        picked[at] = v;
      }
    }
    out[i] = finite === 0 ? NaN : picked[(k < finite ? k : finite) - 1];
  }
}
