import type { ReactNode } from 'react';

type SettingsListProps<Item> = {
  title: string;
  /** A sentence under the title: what these settings do. */
  intro?: ReactNode;
  items: Item[];
  /** Said when the list has loaded and is empty. */
  empty: string;
  loaded: boolean;
  itemKey: (item: Item) => string;
  renderItem: (item: Item) => ReactNode;
  /** Under the list, before the add form (a change error of the cards, say). */
  afterList?: ReactNode;
  /** The form that adds one, for those who may (it brings its own heading). */
  addForm?: ReactNode;
};

/** The settings layout: a titled list of cards, each editing one thing, then a form to add one. */
export function SettingsList<Item>(props: SettingsListProps<Item>) {
  const { title, intro, items, empty, loaded, itemKey, renderItem, afterList, addForm } = props;
  return (
    <div className="settings-section">
      <h2>{title}</h2>
      {intro ? <p className="muted">{intro}</p> : null}
      {loaded && items.length === 0 ? <p>{empty}</p> : null}
      <ul className="settings-list">
        {items.map((item) => (
          <li key={itemKey(item)} className="settings-card">
            {renderItem(item)}
          </li>
        ))}
      </ul>
      {afterList}
      {addForm}
    </div>
  );
}
