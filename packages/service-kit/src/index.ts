export const kitName = 'kit';
