import { Header, Page, TabbedLayout } from '@backstage/core-components';
import { ContextMapTab } from '../ContextMapTab';
import { OwnershipTab } from '../OwnershipTab';
import { ReleasesTab } from '../ReleasesTab';
import { FailureIsolationTab } from '../FailureIsolationTab';
import { MigrationTab } from '../MigrationTab';
import { RulesTab } from '../RulesTab';

/**
 * The Domain Split page: one tab per question (how the split looks as a context map, who owns what, what runs where, what breaks
 * when something fails, how far each domain has come, which rules the catalog breaks).
 * Each tab has its own URL under the page's route.
 * @public
 */
export const DomainSplitPage = () => (
  <Page themeId="tool">
    <Header
      title="Domain Split"
      subtitle="Who owns what, what runs where, what breaks when something fails, and how far each domain has come"
    />
    <TabbedLayout>
      <TabbedLayout.Route path="/map" title="Map">
        <ContextMapTab />
      </TabbedLayout.Route>
      <TabbedLayout.Route path="/ownership" title="Ownership">
        <OwnershipTab />
      </TabbedLayout.Route>
      <TabbedLayout.Route path="/releases" title="Releases">
        <ReleasesTab />
      </TabbedLayout.Route>
      <TabbedLayout.Route path="/failure-isolation" title="Failure isolation">
        <FailureIsolationTab />
      </TabbedLayout.Route>
      <TabbedLayout.Route path="/migration" title="Migration">
        <MigrationTab />
      </TabbedLayout.Route>
      <TabbedLayout.Route path="/rules" title="Rules">
        <RulesTab />
      </TabbedLayout.Route>
    </TabbedLayout>
  </Page>
);
