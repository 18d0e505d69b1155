import './panel-header.css';

/** The product mark at the top of every panel screen. */
export function PanelHeader() {
  return (
    <header className="panel-header">
      <img className="panel-header__logo" src="/icon/48.png" alt="" />
      <p className="panel-header__name">iConnect</p>
    </header>
  );
}
