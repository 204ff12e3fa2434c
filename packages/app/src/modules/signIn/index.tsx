import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';

/**
 * Sign-in for local development: the guest provider (`auth.providers.guest` in
 * app-config.yaml), chosen automatically. A production portal replaces this with its
 * identity provider (see the Backstage auth docs).
 */
const guestSignInPage = SignInPageBlueprint.make({
  params: {
    loader: async () => {
      const { SignInPage } = await import('@backstage/core-components');
      return props => <SignInPage {...props} auto providers={['guest']} />;
    },
  },
});

/** Replaces the app plugin's sign-in page with {@link guestSignInPage}. */
export const signInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [guestSignInPage],
});
