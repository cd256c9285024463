import NextLink from 'next/link';

export default function NotFound() {
  return (
    <section>
      <h1>Not found</h1>
      <p>
        That page does not exist. <NextLink href="/">Back to your clusters</NextLink>
      </p>
    </section>
  );
}
