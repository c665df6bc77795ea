/**
 * Adds `value` to the set under `key` (made when missing); returns a function that removes it
 * again, and the set when it is left empty.
 */
export function addKeyed<K, V>(map: Map<K, Set<V>>, key: K, value: V): () => void {
  let set = map.get(key);
  if (!set) {
    set = new Set();
    map.set(key, set);
  }
  set.add(value);
  const added = set;
  return () => {
    added.delete(value);
    if (added.size === 0 && map.get(key) === added) map.delete(key);
  };
}
