/** @jsxImportSource hono/jsx */
import type { User } from '../../../../shared/schemas/auth';
import { Layout } from '../components/layout';

export type ErrorPageProps = {
  title: string;
  detail: string;
  user: User | undefined;
  path: string;
};

/** What a person sees instead of problem+json when a dashboard page fails. */
export function ErrorPage({ title, detail, user, path }: ErrorPageProps) {
  return (
    <Layout title={title} user={user} path={path}>
      <h1>{title}</h1>
      <p>{detail}</p>
      <p>
        <a href={user ? '/' : '/login'}>{user ? 'Go to the dashboard' : 'Go to sign in'}</a>
      </p>
    </Layout>
  );
}
